// libFuzzer harness: the HTTP/1.x request parser (C8Net HTTPRequestParser)
// and what the server reads from a parsed request (path segments, query
// parameters, Host, keep-alive, the WebSocket handshake check).
//
// The input is the byte stream of one connection. Properties beyond "no
// crash, no leak":
// - delivery does not matter: the stream fed at once, byte by byte, and in
//   uneven chunks gives the same requests and the same rejection;
// - nothing comes after a rejection;
// - with tiny limits the parser still never crashes, and a request it
//   hands out respects them.
import C8Core
import C8Net
@testable import C8Server

private let tinyLimits = HTTPLimits(maxTargetLength: 64, maxHeaderBytes: 256, maxBodyBytes: 128)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTP(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let whole = run(bytes, chunks: [bytes[...]], limits: HTTPLimits())
    let single = run(bytes, chunks: fuzzChunks(bytes, sizes: [1]), limits: HTTPLimits())
    let uneven = run(bytes, chunks: fuzzChunks(bytes, sizes: [3, 1, 17, 2, 64]), limits: HTTPLimits())
    guard whole == single else { fuzzFailure("whole vs byte-by-byte:\n\(whole)\nvs\n\(single)") }
    guard whole == uneven else { fuzzFailure("whole vs uneven chunks:\n\(whole)\nvs\n\(uneven)") }
    _ = run(bytes, chunks: fuzzChunks(bytes, sizes: [5, 1]), limits: tinyLimits)
    return 0
}

/// The parser's events for `chunks`, as comparable text. `100 Continue`
/// depends on where the chunks break, so it is left out.
private func run(_ bytes: [UInt8], chunks: [ArraySlice<UInt8>], limits: HTTPLimits) -> [String] {
    var parser = HTTPRequestParser(limits: limits)
    var events: [String] = []
    var rejected = false
    for chunk in chunks {
        chunk.withUnsafeBytes { parser.feed($0) }
        while let event = parser.next() {
            if rejected { fuzzFailure("an event after a rejection: \(event)") }
            switch event {
            case .request(let request):
                inspect(request, limits: limits)
                events.append(describe(request))
            case .continueRequested:
                continue
            case .rejected(let error):
                _ = error.status
                _ = error.message
                events.append("rejected \(error)")
                rejected = true
            }
        }
    }
    _ = parser.hasPartialRequest
    _ = parser.bufferedByteCount
    _ = parser.takeUnparsedBytes()
    return events
}

private func describe(_ request: HTTPRequest) -> String {
    var text = "\(request.method.rawValue) \(request.target) \(request.version.rawValue)\n"
    for field in request.headers { text += "\(field.name): \(field.value)\n" }
    text += "body \(request.body)"
    return text
}

/// What the server reads from every request before routing it.
private func inspect(_ request: HTTPRequest, limits: HTTPLimits) {
    guard request.target.utf8.count <= limits.maxTargetLength else { fuzzFailure("target over the limit") }
    guard request.body.count <= limits.maxBodyBytes else { fuzzFailure("body over the limit") }
    _ = request.hostName
    _ = request.keepsAlive
    _ = request.headers["Authorization"]
    _ = request.headers.values("Connection")
    _ = try? PathDecoder.segments(request.rawPath)
    if let query = try? QueryParameters(request.rawQuery) {
        _ = try? query.bool("waitForSync")
        _ = try? query.int("batchSize")
        _ = try? query.descendingOrder()
        _ = query["name"]
    }
    _ = try? WebSocketServerHandshake.validate(request)
}
