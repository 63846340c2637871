// libFuzzer harness: WebSocket frame decoding (C8Net WebSocketFrameDecoder)
// and message assembly (WebSocketMessageAssembler, UTF8StreamValidator).
//
// Input: byte 0 picks the side (bit 0: 0 = server, reading masked client
// frames; 1 = client) and the frame size limit (bits 1-2); the rest is the
// byte stream from the peer. Properties beyond "no crash, no leak":
// - delivery does not matter: whole, byte by byte and uneven chunks give
//   the same frames and the same error;
// - a decoded frame re-encodes (WebSocketFrameEncoder) to bytes that
//   decode to the same frame;
// - the streaming UTF-8 validator fed in pieces agrees with
//   String(validating:) on the whole.
@testable import C8Net

private let frameLimits = [125, 1024, 65_536, 1 << 20]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWebSocket(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard let control = input.first else { return 0 }
    let role: WebSocketRole = control & 1 == 0 ? .server : .client
    let limit = frameLimits[Int(control >> 1) & 3]
    let stream = Array(input.dropFirst())

    let whole = decode(role: role, limit: limit, chunks: [stream[...]])
    let single = decode(role: role, limit: limit, chunks: fuzzChunks(stream, sizes: [1]))
    let uneven = decode(role: role, limit: limit, chunks: fuzzChunks(stream, sizes: [2, 9, 1, 130]))
    guard whole.frames == single.frames, whole.error == single.error else {
        fuzzFailure("whole vs byte-by-byte: \(whole) vs \(single)")
    }
    guard whole.frames == uneven.frames, whole.error == uneven.error else {
        fuzzFailure("whole vs uneven chunks: \(whole) vs \(uneven)")
    }

    var assembler = WebSocketMessageAssembler(maxMessageSize: limit * 2)
    for frame in whole.frames {
        reencode(frame, role: role, limit: limit)
        let assembled = frame.payload.withUnsafeBufferPointer { payload in
            Result { () throws(WebSocketProtocolError) -> WebSocketEvent? in
                try assembler.assemble(fin: frame.fin, opcode: frame.opcode, payload: payload)
            }
        }
        switch assembled {
        case .success(let event):
            if case .text(let text)? = event { _ = text.utf8.count }
        case .failure(let error):
            _ = error.description
        }
        if case .failure = assembled { break }
    }
    checkUTF8(stream)
    return 0
}

private struct Decoded: CustomStringConvertible {
    var frames: [WebSocketFrame] = []
    var error: WebSocketProtocolError?
    var description: String { "\(frames.count) frames, error \(String(describing: error))" }
}

private func decode(role: WebSocketRole, limit: Int, chunks: [ArraySlice<UInt8>]) -> Decoded {
    var decoder = WebSocketFrameDecoder(role: role, maxFrameSize: limit)
    var result = Decoded()
    for chunk in chunks {
        decoder.append(chunk)
        do {
            while let frame = try decoder.nextFrame() {
                guard frame.payload.count <= limit else { fuzzFailure("frame over the limit") }
                result.frames.append(frame)
            }
        } catch {
            result.error = error
            // Broken stays broken.
            do {
                _ = try decoder.nextFrame()
                fuzzFailure("decoder recovered after \(error)")
            } catch {}
            return result
        }
    }
    _ = decoder.bufferedByteCount
    return result
}

/// The frame as the peer would have sent it, decoded again.
private func reencode(_ frame: WebSocketFrame, role: WebSocketRole, limit: Int) {
    let key: WebSocketMaskingKey? = role.expectsMaskedInput ? WebSocketMaskingKey(networkOrder: 0x3a5c_91e7) : nil
    let bytes = WebSocketFrameEncoder.encode(frame, maskingKey: key)
    var decoder = WebSocketFrameDecoder(role: role, maxFrameSize: limit)
    decoder.append(bytes)
    guard let again = try? decoder.nextFrame(), again == frame, decoder.bufferedByteCount == 0 else {
        fuzzFailure("re-encoded frame does not decode to itself: \(frame.opcode) fin \(frame.fin) \(frame.payload.count) bytes")
    }
}

private func checkUTF8(_ bytes: [UInt8]) {
    let expected = String(validating: bytes, as: UTF8.self) != nil
    for sizes in [[bytes.count], [1], [3, 2]] {
        var validator = UTF8StreamValidator()
        var valid = true
        for chunk in fuzzChunks(bytes, sizes: sizes) where !validator.feed(chunk) {
            valid = false
            break
        }
        if valid { valid = validator.isAtCharacterBoundary }
        guard valid == expected else { fuzzFailure("UTF8StreamValidator (chunks \(sizes)) says \(valid), String says \(expected)") }
    }
}
