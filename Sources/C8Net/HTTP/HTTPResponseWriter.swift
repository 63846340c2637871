/// Serializes responses. The writer owns the framing headers —
/// `Content-Length` and, when the connection closes or an HTTP/1.0 client
/// keeps it, `Connection` — so a handler cannot frame a response wrongly;
/// it keeps every other header the handler set, in order.
///
/// The status line always says HTTP/1.1 (seed 003: the server answers in
/// 1.1 whatever the client spoke).
public enum HTTPResponseWriter {
    /// How the response is framed on its connection.
    public struct Framing: Sendable, Equatable {
        /// HEAD responses carry the headers of a GET without its body.
        public var requestMethod: HTTPMethod
        public var requestVersion: HTTPVersion
        /// Whether the connection closes after this response.
        public var closesConnection: Bool
        /// The `Date` value to send unless the handler set one (the server
        /// passes `HTTPDate.now()`; nil leaves the header out).
        public var date: String?

        public init(requestMethod: HTTPMethod, requestVersion: HTTPVersion, closesConnection: Bool, date: String? = nil) {
            self.requestMethod = requestMethod
            self.requestVersion = requestVersion
            self.closesConnection = closesConnection
            self.date = date
        }

        /// For a request that was refused before its method was known.
        public static func rejection(date: String? = nil) -> Framing {
            Framing(requestMethod: .get, requestVersion: .http1_1, closesConnection: true, date: date)
        }
    }

    /// Appends `response` to `output`.
    public static func write(_ response: HTTPResponse, framing: Framing, into output: inout [UInt8]) {
        let status = response.status
        // 1xx, 204 and 304 never have a body (RFC 9112 §6.3), so they get
        // no Content-Length either.
        let bodiless = status < 200 || status == 204 || status == 304
        let sendsBody = !bodiless && framing.requestMethod != .head
        output.reserveCapacity(output.count + 128 + response.body.count)

        output.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(status, to: &output)
        output.append(HTTPSyntax.space)
        output.append(contentsOf: HTTPReasonPhrase.of(status).utf8)
        output.append(HTTPSyntax.cr)
        output.append(HTTPSyntax.lf)

        var handlerContentLength: String?
        var handlerSetDate = false
        for field in response.headers {
            if equalsIgnoringCase(field.name, "date") { handlerSetDate = true }
            if isFramingField(field.name) {
                if equalsIgnoringCase(field.name, "content-length") { handlerContentLength = field.value }
                // A 101 names the protocol it switches to in `Connection: Upgrade`.
                guard status == 101, equalsIgnoringCase(field.name, "connection") else { continue }
            }
            appendField(field.name, field.value, to: &output)
        }
        if let date = framing.date, !handlerSetDate { appendField("Date", date, to: &output) }
        if !bodiless {
            output.append(contentsOf: "Content-Length: ".utf8)
            // A HEAD handler may state the length of the body it leaves out.
            if framing.requestMethod == .head, response.body.isEmpty, let stated = handlerContentLength,
               !stated.isEmpty, stated.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                output.append(contentsOf: stated.utf8)
            } else {
                appendDecimal(response.body.count, to: &output)
            }
            output.append(HTTPSyntax.cr)
            output.append(HTTPSyntax.lf)
        }
        if status != 101 {
            if framing.closesConnection {
                output.append(contentsOf: "Connection: close\r\n".utf8)
            } else if framing.requestVersion == .http1_0 {
                output.append(contentsOf: "Connection: Keep-Alive\r\n".utf8)
            }
        }
        output.append(HTTPSyntax.cr)
        output.append(HTTPSyntax.lf)
        if sendsBody { output.append(contentsOf: response.body) }
    }

    /// The serialized response on its own.
    public static func serialize(_ response: HTTPResponse, framing: Framing) -> [UInt8] {
        var output: [UInt8] = []
        write(response, framing: framing, into: &output)
        return output
    }

    /// `100 Continue`, sent before the body of a request that asked for it.
    public static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    private static func isFramingField(_ name: String) -> Bool {
        equalsIgnoringCase(name, "content-length") || equalsIgnoringCase(name, "connection")
            || equalsIgnoringCase(name, "transfer-encoding")
    }

    private static func equalsIgnoringCase(_ name: String, _ lowercase: StaticString) -> Bool {
        let expected = UnsafeBufferPointer(start: lowercase.utf8Start, count: lowercase.utf8CodeUnitCount)
        return name.utf8.count == expected.count && zip(name.utf8, expected).allSatisfy { $0 | 0x20 == $1 }
    }

    /// Writes `name: value` with CR, LF and NUL replaced by spaces: a
    /// handler echoing client input into a header must not be able to end
    /// the head early (response splitting).
    private static func appendField(_ name: String, _ value: String, to output: inout [UInt8]) {
        for byte in name.utf8 { output.append(HTTPSyntax.isToken(byte) ? byte : UInt8(ascii: "_")) }
        output.append(HTTPSyntax.colon)
        output.append(HTTPSyntax.space)
        for byte in value.utf8 { output.append(HTTPSyntax.isFieldValueByte(byte) ? byte : HTTPSyntax.space) }
        output.append(HTTPSyntax.cr)
        output.append(HTTPSyntax.lf)
    }

    private static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        if value < 10 {
            output.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { scratch in
            var remaining = value
            var position = scratch.count
            while remaining > 0 {
                position -= 1
                scratch[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
                remaining /= 10
            }
            output.append(contentsOf: scratch[position...])
        }
    }
}
