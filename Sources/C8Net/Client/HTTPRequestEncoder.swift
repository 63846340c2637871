/// Writes a client's request in HTTP/1.1 wire format.
enum HTTPRequestEncoder {
    /// The request line, headers and body.
    ///
    /// `Host` is added unless the request has one, and `Content-Length` is
    /// always computed here (any given one, and any `Transfer-Encoding`, is
    /// dropped): a length that disagrees with the body would desynchronise
    /// the connection. Bodyless POST, PUT, PATCH and DELETE carry
    /// `Content-Length: 0`, which strict servers (ours among them) want
    /// before they believe there is no body.
    ///
    /// - Parameter target: the request target to send, which may differ
    ///   from `request.target` when the client has a base path.
    /// - Throws: `.invalidRequest` for a target or header that would break
    ///   the framing (spaces, control characters, CR or LF).
    static func encode(_ request: HTTPRequest, target: String, host: String) throws -> [UInt8] {
        guard !target.isEmpty, target.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else {
            throw NetworkClientError(.invalidRequest, "request target '\(target)' has spaces or control characters")
        }
        var output: [UInt8] = []
        output.reserveCapacity(256 + request.body.count)
        output.append(contentsOf: "\(request.method.rawValue) \(target) HTTP/1.1\r\n".utf8)
        if request.headers["Host"] == nil { try appendHeader("Host", host, to: &output) }
        for (name, value) in request.headers.fields {
            let lowered = name.lowercased()
            if lowered == "content-length" || lowered == "transfer-encoding" { continue }
            try appendHeader(name, value, to: &output)
        }
        let method = request.method
        if !request.body.isEmpty || method == .post || method == .put || method == .patch || method == .delete {
            try appendHeader("Content-Length", String(request.body.count), to: &output)
        }
        output.append(contentsOf: "\r\n".utf8)
        output.append(contentsOf: request.body)
        return output
    }

    private static func appendHeader(_ name: String, _ value: String, to output: inout [UInt8]) throws {
        guard !name.isEmpty, name.utf8.allSatisfy(HTTPSyntax.isToken) else {
            throw NetworkClientError(.invalidRequest, "header name '\(name)' is not an HTTP token")
        }
        guard value.utf8.allSatisfy(HTTPSyntax.isFieldValueByte) else {
            throw NetworkClientError(.invalidRequest, "header '\(name)' has a control character in its value")
        }
        output.append(contentsOf: name.utf8)
        output.append(contentsOf: ": ".utf8)
        output.append(contentsOf: value.utf8)
        output.append(contentsOf: "\r\n".utf8)
    }
}
