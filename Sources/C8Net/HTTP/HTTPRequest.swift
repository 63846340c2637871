/// One parsed request, body complete.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The request target exactly as sent (`/_fabric/x/_api/document/c?silent=true`).
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(method: HTTPMethod, target: String, version: HTTPVersion = .http1_1,
                headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The target's path, percent-decoded per segment is the router's job:
    /// this is the raw path before `?`.
    public var rawPath: Substring {
        target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    }

    /// The raw query string after `?`, or empty.
    public var rawQuery: Substring {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count > 1 ? parts[1] : ""
    }

    /// The Host header without a port, lowercased.
    public var hostName: String? {
        guard let host = headers["Host"] else { return nil }
        if host.hasPrefix("[") { // IPv6 literal
            return host.split(separator: "]").first.map { String($0.dropFirst()) }?.lowercased()
        }
        return host.split(separator: ":").first.map { String($0).lowercased() }
    }

    /// Whether the connection stays open after this request's response:
    /// keep-alive by default on 1.1, close on 1.0 unless asked.
    public var keepsAlive: Bool {
        let tokens = headers.values("Connection").flatMap { $0.split(separator: ",") }
            .map { $0.trimmingSpaces.lowercased() }
        switch version {
        case .http1_1: return !tokens.contains("close")
        case .http1_0: return tokens.contains("keep-alive")
        }
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
