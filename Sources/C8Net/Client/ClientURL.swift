/// An absolute `http`, `https`, `ws` or `wss` URL as the clients need it:
/// where to connect and what to put in the request line.
///
/// Parsed by hand (RFC 3986's authority and path only): user info and
/// fragments are refused, the path and query are kept as written.
public struct ClientURL: Sendable, Hashable, CustomStringConvertible {
    public enum Scheme: String, Sendable {
        case http, https, ws, wss

        public var isSecure: Bool { self == .https || self == .wss }
        public var defaultPort: Int { isSecure ? 443 : 80 }
    }

    /// Where a connection goes: what a pooled connection can be reused for.
    public struct Origin: Sendable, Hashable, CustomStringConvertible {
        public var isSecure: Bool
        /// A name or address, IPv6 without brackets.
        public var host: String
        public var port: Int

        public init(isSecure: Bool, host: String, port: Int) {
            self.isSecure = isSecure
            self.host = host
            self.port = port
        }

        /// The `Host` header: the port only when it is not the scheme's default.
        public var hostHeader: String {
            let name = host.contains(":") ? "[\(host)]" : host
            return port == (isSecure ? 443 : 80) ? name : "\(name):\(port)"
        }

        public var description: String { "\(isSecure ? "https" : "http")://\(hostHeader)" }
    }

    public var scheme: Scheme
    public var host: String
    public var port: Int
    /// The path and query as written, at least "/".
    public var target: String

    public init(scheme: Scheme, host: String, port: Int? = nil, target: String = "/") {
        self.scheme = scheme
        self.host = host
        self.port = port ?? scheme.defaultPort
        self.target = target.isEmpty ? "/" : target
    }

    /// Parses `text`.
    /// - Throws: ``NetworkClientError`` `.invalidURL`, naming the problem.
    public init(_ text: String) throws {
        func invalid(_ why: String) -> NetworkClientError {
            NetworkClientError(.invalidURL, "invalid URL '\(text)': \(why)")
        }
        guard let separator = text.firstRange(of: "://") else { throw invalid("no scheme") }
        guard let scheme = Scheme(rawValue: text[..<separator.lowerBound].lowercased()) else {
            throw invalid("scheme must be http, https, ws or wss")
        }
        let rest = text[separator.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var target = String(rest[authorityEnd...])
        if target.contains("#") { throw invalid("fragments are not sent to servers") }
        if target.hasPrefix("?") { target = "/" + target }
        if authority.contains("@") { throw invalid("user information is not supported") }

        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw invalid("unclosed IPv6 address") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw invalid("unexpected text after the IPv6 address") }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { throw invalid("no host") }
        var port: Int?
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ $0 >= "0" && $0 <= "9" }),
                  let value = Int(portText), (1...65535).contains(value) else { throw invalid("bad port") }
            port = value
        }
        if host.contains(where: { $0 == " " || $0.isNewline }) { throw invalid("spaces in host") }
        self.init(scheme: scheme, host: host.lowercased(), port: port, target: target)
    }

    public var origin: Origin { Origin(isSecure: scheme.isSecure, host: host, port: port) }

    public var description: String {
        "\(scheme.rawValue)://\(origin.hostHeader)\(target == "/" ? "" : target)"
    }
}
