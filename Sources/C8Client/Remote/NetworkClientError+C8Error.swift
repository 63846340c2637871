import C8Core
import C8Net

extension NetworkClientError {
    /// The failure as the ``C8Error`` every connection throws, its message
    /// naming the endpoint and what to do about it. Statuses follow what a
    /// proxy would answer: 503 when the server cannot be reached or spoken
    /// to, 504 when it does not answer in time.
    func c8Error(endpoint: String) -> C8Error {
        let (errorCode, text): (ErrorCode, String)
        switch kind {
        case .resolveFailed, .connectFailed:
            (errorCode, text) = (.httpServiceUnavailable, "cannot reach \(endpoint): \(message)")
        case .tlsFailed:
            (errorCode, text) = (.httpServiceUnavailable,
                                 "TLS with \(endpoint) failed: \(message) (--insecure skips certificate verification)")
        case .timedOut:
            (errorCode, text) = (.httpGatewayTimeout, "no answer from \(endpoint) in time: \(message)")
        case .invalidURL:
            (errorCode, text) = (.badParameter, message)
        default:
            (errorCode, text) = (.httpServiceUnavailable, "talking to \(endpoint) failed: \(message)")
        }
        return C8Error(errorCode, text, underlying: self)
    }
}
