/// The status line and headers of a response, before its body.
struct HTTPResponseHead: Sendable {
    var version: HTTPVersion
    var status: Int
    var headers: HTTPHeaders

    /// Whether the server lets the connection carry another request: 1.1
    /// unless `Connection: close`, 1.0 only with `Connection: keep-alive`.
    var allowsReuse: Bool {
        let tokens = headers.values("Connection").flatMap { $0.split(separator: ",") }
            .map { $0.trimmingSpaces.lowercased() }
        switch version {
        case .http1_1: return !tokens.contains("close")
        case .http1_0: return tokens.contains("keep-alive")
        }
    }
}
