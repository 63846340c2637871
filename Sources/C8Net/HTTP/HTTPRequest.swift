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

    /// The target's path before `?`, raw (percent-decoding per segment is
    /// the router's job). Found on the UTF-8 bytes: `split` walks
    /// characters, which cost a tenth of a small GET's time.
    public var rawPath: Substring {
        guard let mark = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return target[...] }
        return target[..<mark]
    }

    /// The raw query string after `?`, or empty.
    public var rawQuery: Substring {
        guard let mark = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return "" }
        return target[target.utf8.index(after: mark)...]
    }

    /// The Host header without a port, lowercased.
    public var hostName: String? {
        guard let host = headers["Host"] else { return nil }
        let bytes = host.utf8
        if bytes.first == UInt8(ascii: "[") { // IPv6 literal
            let start = bytes.index(after: bytes.startIndex)
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "]")) ?? bytes.endIndex
            return host[start..<end].lowercased()
        }
        let end = bytes.firstIndex(of: UInt8(ascii: ":")) ?? bytes.endIndex
        return host[..<end].lowercased()
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
