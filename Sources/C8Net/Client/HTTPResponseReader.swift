/// Reads responses from a server, framed as RFC 9112 §6.3 says: no body
/// for HEAD, 1xx, 204 and 304; chunked; Content-Length; or up to the end
/// of the connection.
struct HTTPResponseReader {
    /// The longest status or header line.
    var maxLineLength = 64 * 1024
    /// The whole head, all header lines together.
    var maxHeadSize = 1 << 20
    var maxBodySize: Int

    /// The next final response to a request of `method`, and whether the
    /// connection can carry another request. Interim responses (100
    /// Continue, 103 Early Hints) are skipped; 101 is final, and its body
    /// is empty because the connection now speaks another protocol.
    func readResponse(
        from reader: BufferedStreamReader, method: HTTPMethod, deadline: ContinuousClock.Instant?
    ) throws -> (response: HTTPResponse, reusable: Bool) {
        while true {
            let head = try readHead(from: reader, deadline: deadline)
            if (100...199).contains(head.status) && head.status != 101 { continue }
            let (body, delimited) = try readBody(of: head, method: method, from: reader, deadline: deadline)
            let response = HTTPResponse(status: head.status, headers: head.headers, body: body)
            return (response, delimited && head.allowsReuse && head.status != 101)
        }
    }

    /// The status line and headers.
    /// - Throws: `.malformedResponse`, `.responseTooLarge`, `.connectionClosed`.
    func readHead(from reader: BufferedStreamReader, deadline: ContinuousClock.Instant?) throws -> HTTPResponseHead {
        let statusLine = try reader.readLine(limit: maxLineLength, deadline: deadline)
        let (version, status) = try Self.parseStatusLine(statusLine)
        var headers = HTTPHeaders()
        var headSize = statusLine.count
        while true {
            let line = try reader.readLine(limit: maxLineLength, deadline: deadline)
            if line.isEmpty { break }
            headSize += line.count + 2
            guard headSize <= maxHeadSize else {
                throw NetworkClientError(.responseTooLarge, "response head larger than \(maxHeadSize) bytes")
            }
            let (name, value) = try Self.parseHeaderLine(line)
            headers.add(name, value)
        }
        return HTTPResponseHead(version: version, status: status, headers: headers)
    }

    /// The body that follows `head`, and whether its end was marked (a
    /// body that runs to the end of the connection leaves nothing to reuse).
    func readBody(
        of head: HTTPResponseHead, method: HTTPMethod, from reader: BufferedStreamReader,
        deadline: ContinuousClock.Instant?
    ) throws -> (body: [UInt8], delimited: Bool) {
        if method == .head || (100...199).contains(head.status) || head.status == 204 || head.status == 304 {
            return ([], true)
        }
        let codings = head.headers.values("Transfer-Encoding").flatMap { $0.split(separator: ",") }
            .map { $0.trimmingSpaces.lowercased() }
        if !codings.isEmpty {
            if head.headers["Content-Length"] != nil {
                // Both framings at once is how responses get split (§6.3).
                throw malformed("response has both Transfer-Encoding and Content-Length")
            }
            guard codings.last == "chunked" else {
                var body: [UInt8] = []
                try reader.readToEnd(into: &body, limit: maxBodySize, deadline: deadline)
                return (body, false)
            }
            return (try readChunkedBody(from: reader, deadline: deadline), true)
        }
        if let length = try Self.contentLength(head.headers) {
            guard length <= maxBodySize else {
                throw NetworkClientError(.responseTooLarge, "response body of \(length) bytes exceeds \(maxBodySize)")
            }
            return (try reader.read(exactly: length, deadline: deadline), true)
        }
        var body: [UInt8] = []
        try reader.readToEnd(into: &body, limit: maxBodySize, deadline: deadline)
        return (body, false)
    }

    /// RFC 9112 §7.1: hex sizes (extensions ignored), data, CRLF; a zero
    /// size ends the body, then trailer lines (ignored) up to an empty line.
    private func readChunkedBody(from reader: BufferedStreamReader, deadline: ContinuousClock.Instant?) throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let line = try reader.readLine(limit: maxLineLength, deadline: deadline)
            let sizeField = line.split(separator: UInt8(ascii: ";"), maxSplits: 1, omittingEmptySubsequences: false)[0]
            guard let size = Self.parseHex(Self.trimmed(sizeField)) else {
                throw malformed("bad chunk size '\(String(decoding: line, as: UTF8.self))'")
            }
            if size == 0 { break }
            guard size <= maxBodySize - body.count else {
                throw NetworkClientError(.responseTooLarge, "chunked response body exceeds \(maxBodySize) bytes")
            }
            try reader.read(exactly: size, into: &body, deadline: deadline)
            var end = try reader.readByte(deadline: deadline)
            if end == UInt8(ascii: "\r") { end = try reader.readByte(deadline: deadline) }
            guard end == UInt8(ascii: "\n") else { throw malformed("chunk data longer than its size") }
        }
        var trailerSize = 0
        while true {
            let line = try reader.readLine(limit: maxLineLength, deadline: deadline)
            if line.isEmpty { return body }
            trailerSize += line.count
            guard trailerSize <= maxHeadSize else {
                throw NetworkClientError(.responseTooLarge, "response trailers larger than \(maxHeadSize) bytes")
            }
        }
    }

    // MARK: Parsing

    /// `HTTP/1.1 200 OK` → (1.1, 200). The reason phrase is ignored.
    static func parseStatusLine(_ line: [UInt8]) throws -> (HTTPVersion, Int) {
        let text = String(decoding: line, as: UTF8.self)
        let parts = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, let version = HTTPVersion(rawValue: String(parts[0])) else {
            throw malformedStatus(text)
        }
        let code = parts[1]
        guard code.utf8.count == 3, code.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let status = Int(code), status >= 100 else { throw malformedStatus(text) }
        return (version, status)
    }

    /// `Name: value`, the value without surrounding spaces. A line that
    /// starts with white space (obsolete folding) or has none before the
    /// colon is refused, as RFC 9112 §5 asks of a recipient that does not
    /// unfold.
    static func parseHeaderLine(_ line: [UInt8]) throws -> (String, String) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0,
              line[0..<colon].allSatisfy(HTTPSyntax.isToken) else {
            throw NetworkClientError(.malformedResponse,
                                     "malformed header line '\(String(decoding: line, as: UTF8.self))'")
        }
        let value = trimmed(line[(colon + 1)...])
        return (String(decoding: line[0..<colon], as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// The Content-Length, or nil without one; repeated values must agree.
    static func contentLength(_ headers: HTTPHeaders) throws -> Int? {
        let values = headers.values("Content-Length").flatMap { $0.split(separator: ",") }.map { $0.trimmingSpaces }
        guard let first = values.first else { return nil }
        guard values.allSatisfy({ $0 == first }), !first.isEmpty, first.utf8.count <= 18,
              first.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let length = Int(first) else {
            throw NetworkClientError(.malformedResponse, "bad Content-Length '\(values.joined(separator: ","))'")
        }
        return length
    }

    static func parseHex(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 15 else { return nil }
        var value = 0
        for digit in digits {
            let nibble: UInt8
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = digit - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | Int(nibble)
        }
        return value
    }

    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, first == 0x20 || first == 0x09 { slice.removeFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice.removeLast() }
        return slice
    }

    private func malformed(_ message: String) -> NetworkClientError {
        NetworkClientError(.malformedResponse, message)
    }

    private static func malformedStatus(_ text: String) -> NetworkClientError {
        NetworkClientError(.malformedResponse, "malformed status line '\(text.prefix(200))'")
    }
}
