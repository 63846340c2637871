import COpenSSL

/// A TLS failure: what was being done, and what OpenSSL said about it.
public struct TLSError: Error, Sendable, CustomStringConvertible {
    /// The operation that failed, with its subject (a file, a host).
    public var operation: String
    /// OpenSSL's error queue at the time, oldest first
    /// (`error:0A000086:SSL routines::certificate verify failed`).
    public var reasons: [String]
    /// Why the peer's certificate was refused, when that was the cause
    /// (`hostname mismatch`, `self-signed certificate`).
    public var verificationFailure: String?

    public init(operation: String, reasons: [String] = [], verificationFailure: String? = nil) {
        self.operation = operation
        self.reasons = reasons
        self.verificationFailure = verificationFailure
    }

    /// An error for `operation` carrying, and clearing, this thread's
    /// OpenSSL error queue.
    static func fromQueue(_ operation: String, verificationFailure: String? = nil) -> TLSError {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var text = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &text, text.count)
            reasons.append(String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return TLSError(operation: operation, reasons: reasons, verificationFailure: verificationFailure)
    }

    public var description: String {
        var text = "TLS: \(operation) failed"
        if let verificationFailure { text += ": certificate verification: \(verificationFailure)" }
        if !reasons.isEmpty { text += " (\(reasons.joined(separator: "; ")))" }
        return text
    }
}
