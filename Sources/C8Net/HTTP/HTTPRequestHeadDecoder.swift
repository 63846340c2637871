/// A complete request head turned into an `HTTPRequest` without its body,
/// plus the body's length.
struct DecodedRequestHead {
    var request: HTTPRequest
    var contentLength: Int
    var expectsContinue: Bool
}

/// Decodes one complete request head: the request line, the header lines
/// and the framing rules that decide the body's length.
///
/// The scanner in `HTTPRequestParser` has already checked that every line
/// ends in CRLF and that the head fits the size limits, so this works on
/// one contiguous buffer in one pass.
enum HTTPRequestHeadDecoder {
    /// - Parameters:
    ///   - head: the head's bytes, each line ending in CRLF, without the
    ///     empty line that ends the head.
    ///   - requestLineLength: bytes of the request line before its CRLF.
    /// - Throws: the rule the head breaks, first in the order below.
    static func decode(_ head: UnsafeBufferPointer<UInt8>, requestLineLength: Int,
                       limits: HTTPLimits) throws(HTTPParseError) -> DecodedRequestHead {
        var request = try decodeRequestLine(head[0..<requestLineLength], limits: limits)
        var framing = FramingFields()
        var lineStart = requestLineLength + 2
        while lineStart < head.count {
            var lineEnd = lineStart
            while head[lineEnd] != HTTPSyntax.cr || head[lineEnd + 1] != HTTPSyntax.lf { lineEnd += 1 }
            try decodeHeaderLine(head[lineStart..<lineEnd], into: &request.headers, framing: &framing)
            lineStart = lineEnd + 2
        }
        let contentLength = try framing.bodyLength(for: request, limits: limits)
        return DecodedRequestHead(request: request, contentLength: contentLength,
                                  expectsContinue: framing.expectsContinue)
    }

    private static func decodeRequestLine(_ line: Slice<UnsafeBufferPointer<UInt8>>,
                                          limits: HTTPLimits) throws(HTTPParseError) -> HTTPRequest {
        guard let methodEnd = line.firstIndex(of: HTTPSyntax.space),
              let targetEnd = line[(methodEnd + 1)...].firstIndex(of: HTTPSyntax.space) else {
            throw .malformedRequestLine
        }
        let methodBytes = line[line.startIndex..<methodEnd]
        let targetBytes = line[(methodEnd + 1)..<targetEnd]
        let versionBytes = line[(targetEnd + 1)...]
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(HTTPSyntax.isToken), !targetBytes.isEmpty,
              versionBytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .malformedRequestLine
        }
        let version = try decodeVersion(versionBytes)
        guard targetBytes.count <= limits.maxTargetLength else { throw .targetTooLong(limit: limits.maxTargetLength) }
        guard targetBytes.allSatisfy({ $0 > 0x20 && $0 != 0x7F }),
              let target = String(validating: targetBytes, as: UTF8.self) else {
            throw .invalidTarget
        }
        // Methods are case-sensitive (RFC 9110 §9.1): `get` is not GET.
        guard let method = HTTPMethod(rawValue: String(decoding: methodBytes, as: UTF8.self)) else {
            throw .methodNotAllowed(String(decoding: methodBytes, as: UTF8.self))
        }
        return HTTPRequest(method: method, target: target, version: version)
    }

    private static func decodeVersion(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) throws(HTTPParseError) -> HTTPVersion {
        let text = String(decoding: bytes, as: UTF8.self)
        if let version = HTTPVersion(rawValue: text) { return version }
        // Something shaped like a version is a version we do not speak;
        // anything else is not HTTP/1 at all.
        if text.hasPrefix("HTTP/") { throw .unsupportedVersion(text) }
        throw .malformedRequestLine
    }

    private static func decodeHeaderLine(_ line: Slice<UnsafeBufferPointer<UInt8>>, into headers: inout HTTPHeaders,
                                         framing: inout FramingFields) throws(HTTPParseError) {
        guard let first = line.first else { throw .invalidHeaderName }
        if first == HTTPSyntax.space || first == HTTPSyntax.tab { throw .obsoleteLineFolding }
        // No whitespace may sit between the name and the colon (RFC 9112
        // §5.1): `Content-Length : 5` is a known smuggling vector.
        guard let colon = line.firstIndex(of: HTTPSyntax.colon), colon > line.startIndex else {
            throw .invalidHeaderName
        }
        let name = line[line.startIndex..<colon]
        guard name.allSatisfy(HTTPSyntax.isToken) else { throw .invalidHeaderName }
        var valueStart = colon + 1
        var valueEnd = line.endIndex
        while valueStart < valueEnd, line[valueStart] == HTTPSyntax.space || line[valueStart] == HTTPSyntax.tab {
            valueStart += 1
        }
        while valueEnd > valueStart, line[valueEnd - 1] == HTTPSyntax.space || line[valueEnd - 1] == HTTPSyntax.tab {
            valueEnd -= 1
        }
        let value = line[valueStart..<valueEnd]
        guard value.allSatisfy(HTTPSyntax.isFieldValueByte) else { throw .invalidHeaderValue }
        try framing.note(name: name, value: value)
        headers.add(String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }
}

/// The header fields that decide where a request's body ends, gathered
/// while the head is decoded.
private struct FramingFields {
    var contentLengths: [Int] = []
    var negativeContentLength = false
    var contentLengthOverflows = false
    var hasTransferEncoding = false
    var hostCount = 0
    var expectsContinue = false

    mutating func note(name: Slice<UnsafeBufferPointer<UInt8>>, value: Slice<UnsafeBufferPointer<UInt8>>) throws(HTTPParseError) {
        if HTTPSyntax.equalsIgnoringCase(name, "content-length") {
            try noteContentLength(value)
        } else if HTTPSyntax.equalsIgnoringCase(name, "transfer-encoding") {
            hasTransferEncoding = true
        } else if HTTPSyntax.equalsIgnoringCase(name, "host") {
            hostCount += 1
        } else if HTTPSyntax.equalsIgnoringCase(name, "expect") {
            expectsContinue = HTTPSyntax.equalsIgnoringCase(value, "100-continue")
        }
    }

    /// A value may be a list (`5, 5`) when a proxy merged duplicates; each
    /// element must be a plain decimal.
    private mutating func noteContentLength(_ value: Slice<UnsafeBufferPointer<UInt8>>) throws(HTTPParseError) {
        for element in value.split(separator: HTTPSyntax.comma, omittingEmptySubsequences: false) {
            var digits = element[...]
            while let f = digits.first, f == HTTPSyntax.space || f == HTTPSyntax.tab { digits = digits.dropFirst() }
            while let l = digits.last, l == HTTPSyntax.space || l == HTTPSyntax.tab { digits = digits.dropLast() }
            var negative = false
            if digits.first == UInt8(ascii: "-") {
                negative = true
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                throw .invalidContentLength
            }
            if negative {
                negativeContentLength = true
                continue
            }
            var length = 0
            var overflow = false
            for digit in digits {
                let (times10, o1) = length.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
                if o1 || o2 { overflow = true; break }
                length = sum
            }
            if overflow { contentLengthOverflows = true } else { contentLengths.append(length) }
        }
    }

    /// Applies the framing rules in the order that makes each answer
    /// unambiguous: smuggling shapes first (they mean two parsers could
    /// disagree), then what we cannot frame (411), then size (413).
    func bodyLength(for request: HTTPRequest, limits: HTTPLimits) throws(HTTPParseError) -> Int {
        let hasContentLength = !contentLengths.isEmpty || negativeContentLength || contentLengthOverflows
        if hasTransferEncoding && hasContentLength { throw .contentLengthWithTransferEncoding }
        if hasTransferEncoding { throw .transferEncodingUnsupported }
        if let first = contentLengths.first, contentLengths.contains(where: { $0 != first }) {
            throw .conflictingContentLengths
        }
        if negativeContentLength { throw .negativeContentLength }
        if hostCount > 1 || (hostCount == 0 && request.version == .http1_1) { throw .invalidHost }
        if contentLengthOverflows { throw .bodyTooLarge(length: nil, limit: limits.maxBodyBytes) }
        guard let length = contentLengths.first else {
            switch request.method {
            case .post, .put, .patch: throw .missingContentLength(request.method)
            case .get, .head, .delete, .options: return 0
            }
        }
        if length > limits.maxBodyBytes { throw .bodyTooLarge(length: length, limit: limits.maxBodyBytes) }
        return length
    }
}
