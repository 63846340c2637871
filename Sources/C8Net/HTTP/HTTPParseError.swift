/// Why a request was refused, and the status it is answered with. After a
/// rejection the connection's framing is lost, so the transport answers
/// and closes.
public enum HTTPParseError: Error, Sendable, Equatable {
    /// Not `METHOD SP target SP version`, or bytes that cannot start one
    /// (including what follows a body longer than its `Content-Length`).
    case malformedRequestLine
    /// A request target with control characters, spaces or invalid UTF-8.
    case invalidTarget
    /// A version other than HTTP/1.0 and HTTP/1.1.
    case unsupportedVersion(String)
    /// A method outside `HTTPMethod`.
    case methodNotAllowed(String)
    case targetTooLong(limit: Int)
    case headersTooLarge(limit: Int)
    /// A `Content-Length` above the limit (nil when it overflows an Int).
    case bodyTooLarge(length: Int?, limit: Int)
    /// POST, PUT or PATCH without `Content-Length`.
    case missingContentLength(HTTPMethod)
    case negativeContentLength
    /// `Transfer-Encoding` (chunked or any other) without `Content-Length`:
    /// the server only frames bodies by length.
    case transferEncodingUnsupported
    /// `Content-Length` and `Transfer-Encoding` together: the classic
    /// smuggling shape, where two parsers disagree on the body's end.
    case contentLengthWithTransferEncoding
    case conflictingContentLengths
    case invalidContentLength
    /// A line ending in LF without CR.
    case bareLineFeed
    /// A header line starting with a space or tab (RFC 9112 §5.2).
    case obsoleteLineFolding
    case invalidHeaderName
    case invalidHeaderValue
    /// HTTP/1.1 without `Host`, or more than one `Host`.
    case invalidHost

    /// The status the request is answered with.
    public var status: Int {
        switch self {
        case .unsupportedVersion: return 505
        case .methodNotAllowed: return 405
        case .targetTooLong: return 414
        case .headersTooLarge: return 431
        case .bodyTooLarge: return 413
        case .missingContentLength, .negativeContentLength, .transferEncodingUnsupported: return 411
        case .malformedRequestLine, .invalidTarget, .contentLengthWithTransferEncoding,
             .conflictingContentLengths, .invalidContentLength, .bareLineFeed,
             .obsoleteLineFolding, .invalidHeaderName, .invalidHeaderValue, .invalidHost:
            return 400
        }
    }

    /// One line for the response body and the log.
    public var message: String {
        switch self {
        case .malformedRequestLine: return "malformed request line"
        case .invalidTarget: return "invalid request target"
        case .unsupportedVersion(let version): return "HTTP version not supported: \(version)"
        case .methodNotAllowed(let method): return "method not allowed: \(method)"
        case .targetTooLong(let limit): return "request URI longer than \(limit) bytes"
        case .headersTooLarge(let limit): return "request headers larger than \(limit) bytes"
        case .bodyTooLarge(let length, let limit):
            return "request body of \(length.map { String($0) } ?? "more than \(Int.max)") bytes exceeds \(limit)"
        case .missingContentLength(let method): return "\(method.rawValue) requires Content-Length"
        case .negativeContentLength: return "negative Content-Length"
        case .transferEncodingUnsupported: return "Transfer-Encoding is not supported; send Content-Length"
        case .contentLengthWithTransferEncoding: return "Content-Length together with Transfer-Encoding"
        case .conflictingContentLengths: return "conflicting Content-Length values"
        case .invalidContentLength: return "invalid Content-Length"
        case .bareLineFeed: return "line ends in LF without CR"
        case .obsoleteLineFolding: return "obsolete header line folding"
        case .invalidHeaderName: return "invalid header name"
        case .invalidHeaderValue: return "invalid header value"
        case .invalidHost: return "HTTP/1.1 requires exactly one Host header"
        }
    }
}
