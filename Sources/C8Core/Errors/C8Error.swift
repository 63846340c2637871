/// The one error type of the platform.
///
/// Every module throws it, or wraps what it caught into it, so that the
/// server can always answer with the C8 error envelope
/// (`{"error":true,"code":…,"errorNum":…,"errorMessage":…}`) and the console
/// can always print one readable line. It carries exactly the envelope's
/// fields plus, for logs and debugging, the error it was made from.
///
/// ```swift
/// throw C8Error(.documentNotFound)
/// throw C8Error(.collectionNotFound, detail: name)        // "collection or view not found: users"
/// throw C8Error(.queryBindParameterMissing, arguments: ["name"])
/// throw C8Error(.conflict, httpStatus: 412)               // If-Match mismatch
/// ```
public struct C8Error: Error, Sendable {
    /// The HTTP status of the response (`code` in the envelope).
    public var code: Int
    /// The ArangoDB-style error number; see ``ErrorCode``.
    public var errorNum: Int
    /// The human-readable text (`errorMessage` in the envelope).
    public var message: String
    /// What went wrong underneath (an I/O error, a RocksDB status, …). Kept
    /// for logs; never sent to clients, whose contract is the three fields.
    public var underlying: (any Error & Sendable)?

    /// An error from the catalog, with its default message unless `message`
    /// says more, and its default status unless `httpStatus` overrides it.
    public init(
        _ errorCode: ErrorCode, _ message: String? = nil, httpStatus: Int? = nil,
        underlying: (any Error & Sendable)? = nil
    ) {
        self.code = httpStatus ?? errorCode.httpStatus
        self.errorNum = errorCode.errorNum
        self.message = message ?? errorCode.defaultMessage
        self.underlying = underlying
    }

    /// The default message followed by `: detail`, the usual way to name the
    /// thing that was not found or not valid.
    public init(
        _ errorCode: ErrorCode, detail: String, httpStatus: Int? = nil,
        underlying: (any Error & Sendable)? = nil
    ) {
        self.init(errorCode, errorCode.defaultMessage + ": " + detail, httpStatus: httpStatus, underlying: underlying)
    }

    /// ArangoDB's exact wording, with `arguments` filling the message
    /// template's placeholders (see ``ErrorCode/message(arguments:)``).
    public init(
        _ errorCode: ErrorCode, arguments: [String], httpStatus: Int? = nil,
        underlying: (any Error & Sendable)? = nil
    ) {
        self.init(errorCode, errorCode.message(arguments: arguments), httpStatus: httpStatus, underlying: underlying)
    }

    /// Any combination of fields, for numbers outside the catalog — an error
    /// envelope received from a remote server, or a bare HTTP status such as
    /// 411 or 505 that has no errorNum of its own.
    public init(code: Int, errorNum: Int, message: String, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.errorNum = errorNum
        self.message = message
        self.underlying = underlying
    }

    /// The catalog entry of ``errorNum``; nil for numbers the catalog lacks.
    public var errorCode: ErrorCode? { ErrorCode(rawValue: errorNum) }

    /// Whether this error carries `errorCode`'s number:
    /// `catch let error as C8Error where error.matches(.documentNotFound)`.
    public func matches(_ errorCode: ErrorCode) -> Bool { errorNum == errorCode.errorNum }

    /// `error` itself when it already is a `C8Error`; otherwise a
    /// `C8Error` of `errorCode` whose message describes `error` and whose
    /// ``underlying`` keeps it. The single place where foreign errors enter.
    public static func wrap(_ error: any Error, as errorCode: ErrorCode = .internalError) -> C8Error {
        if let c8 = error as? C8Error { return c8 }
        return C8Error(errorCode, detail: String(describing: error), underlying: error)
    }
}

extension C8Error: CustomStringConvertible, CustomDebugStringConvertible {
    /// One line for the console and logs: `[1203] collection or view not found: users`.
    public var description: String { "[\(errorNum)] \(message)" }

    /// The line plus the HTTP status and the underlying cause, when there is one.
    public var debugDescription: String {
        var text = "[\(errorNum)] \(message) (HTTP \(code))"
        if let underlying { text += " caused by: \(String(reflecting: underlying))" }
        return text
    }
}

extension C8Error: Equatable {
    /// Equal when the three wire fields are: two errors that render the same
    /// envelope are the same error to every client. The cause is not compared
    /// (arbitrary errors are not `Equatable`).
    public static func == (lhs: C8Error, rhs: C8Error) -> Bool {
        lhs.code == rhs.code && lhs.errorNum == rhs.errorNum && lhs.message == rhs.message
    }
}
