import Glibc

/// A socket or event-loop system call that failed, with what it was for.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// The operation and its subject (`bind 127.0.0.1:8529`).
    public var operation: String
    /// The `errno` it failed with (0 when the failure has no errno, such as
    /// a name that does not resolve).
    public var code: Int32
    /// The system's text for `code`, or the resolver's message.
    public var reason: String

    public init(operation: String, code: Int32, reason: String) {
        self.operation = operation
        self.code = code
        self.reason = reason
    }

    /// An error for `operation` from the current `errno`.
    static func errno(_ operation: String) -> TransportError {
        let code = Glibc.errno
        return TransportError(operation: operation, code: code, reason: String(cString: strerror(code)))
    }

    public var description: String { "\(operation): \(reason)" }
}
