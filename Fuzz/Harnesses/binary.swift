// libFuzzer harness: the binary document encoding (C8Core BinaryJSON).
//
// Every input is used twice:
// 1. As stored bytes (storage may hand back corrupt bytes): decode, the
//    direct-to-text path (jsonText), the member walkers (forEachMember,
//    firstMember, decodeMembers, stringMember) must never crash; decode and
//    jsonText must agree; a decoded value re-encodes and decodes identically;
//    JSONObject(binaryObject:) accepts exactly the objects decode accepts,
//    and then answers every member, its count and its text as the tree, and
//    its encoding decodes to the tree; JSONObject(trustedBinaryObject:)
//    over any bytes never crashes, whatever is asked of it.
// 2. As JSON text: where parse succeeds, decode(encode(parse(x))) is
//    identical to parse(x), and the one-pass transcoder writes exactly
//    encode(parse(x)) (or declines for a repeated key); where parse fails,
//    the transcoder fails with the same error or declines (a repeated key
//    seen before the error: its caller then parses and gets the error).
import C8Core

private let memberNames = BinaryMemberNames(["_key", "a", "name", "x", ""])
nonisolated(unsafe) private var transcoder = JSON.Parser()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBinaryJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    bytes.withUnsafeBufferPointer { buffer in
        asStoredBytes(buffer)
        asText(buffer)
    }
    return 0
}

private func asStoredBytes(_ buffer: UnsafeBufferPointer<UInt8>) {
    let decoded = Result { () throws(BinaryJSONError) -> JSON in try BinaryJSON.decode(buffer: buffer) }
    let text = Result { () throws(BinaryJSONError) -> [UInt8] in try BinaryJSON.jsonText(buffer) }
    switch (decoded, text) {
    case (.success(let value), .success(let text)):
        guard value.serialized() == text else {
            fuzzFailure("jsonText differs from decode+serialize: \(String(decoding: text, as: UTF8.self)) vs \(String(decoding: value.serialized(), as: UTF8.self))")
        }
        let again = BinaryJSON.encode(value)
        guard let back = try? BinaryJSON.decode(again), identical(back, value) else {
            fuzzFailure("re-encoding a decoded value does not decode to it")
        }
    case (.failure(let error), .failure):
        guard error.offset >= 0 && error.offset <= buffer.count else { fuzzFailure("error offset out of range: \(error)") }
    default:
        fuzzFailure("decode and jsonText disagree: \(decoded) vs \(text.map { String(decoding: $0, as: UTF8.self) })")
    }
    checkBinaryForm(buffer, decoded: try? decoded.get())
    var members = 0
    _ = try? BinaryJSON.forEachMember(ofObject: buffer) { member in
        members += member.key.count + member.value.count + member.bytes.count
    }
    _ = try? BinaryJSON.firstMember(ofObject: buffer) { $0.count == 4 }
    _ = try? BinaryJSON.decodeMembers(memberNames, ofObject: buffer)
    _ = try? BinaryJSON.stringMember("_key", ofObject: buffer)
    _ = BinaryJSON.isObject(buffer)
}

/// An object kept in its binary form against the decoded tree.
private func checkBinaryForm(_ buffer: UnsafeBufferPointer<UInt8>, decoded: JSON?) {
    if let trusted = try? JSONObject(trustedBinaryObject: Array(buffer)[...]) {
        for name in ["_key", "a", "name", "x", ""] { _ = trusted[name] }
        _ = JSON.object(trusted).serialized()
        _ = BinaryJSON.encode(.object(trusted))
        _ = trusted.count
        _ = trusted.members
    }
    let lazy = try? JSONObject(binaryObject: Array(buffer))
    guard case .object(let tree)? = decoded else {
        guard lazy == nil else { fuzzFailure("binaryObject accepted what decode does not give as an object") }
        return
    }
    guard let lazy else { fuzzFailure("binaryObject refused an object decode accepts") }
    for key in tree.keys {
        guard let value = lazy[key], let expected = tree[key], identical(value, expected) else {
            fuzzFailure("member \(key) of the binary form differs from the tree's")
        }
    }
    guard lazy.count == tree.count else { fuzzFailure("count \(lazy.count) of the binary form, \(tree.count) of the tree") }
    guard JSON.object(lazy).serialized() == JSON.object(tree).serialized() else {
        fuzzFailure("the binary form's text differs from the tree's")
    }
    // Encoding keeps the bytes as they are (they need not be the canonical
    // encoding, or valid UTF-8): what they decode to is what counts.
    guard let back = try? BinaryJSON.decode(BinaryJSON.encode(.object(lazy))), identical(back, .object(tree)) else {
        fuzzFailure("the binary form's encoding does not decode to the tree")
    }
}

private func asText(_ buffer: UnsafeBufferPointer<UInt8>) {
    let parsed = Result { () throws(JSONParseError) -> JSON in try JSON.parse(buffer: buffer) }
    var out = ByteBuffer(capacity: 64)
    let transcoded = Result { () throws(JSONParseError) -> Bool in try transcoder.transcode(buffer: buffer, into: &out) }
    switch (parsed, transcoded) {
    case (.success(let value), .success(let wrote)):
        let encoded = BinaryJSON.encode(value)
        guard let back = try? BinaryJSON.decode(encoded) else { fuzzFailure("encode(parse(x)) does not decode") }
        guard identical(back, value) else { fuzzFailure("decode(encode(parse(x))) != parse(x)") }
        if wrote {
            guard out.takeBytes() == encoded else { fuzzFailure("transcode(x) != encode(parse(x))") }
        } else {
            guard out.count == 0 else { fuzzFailure("a declined transcode left bytes in the buffer") }
        }
    case (.failure(let a), .failure(let b)):
        guard a == b else { fuzzFailure("parse and transcode fail differently: \(a) vs \(b)") }
        guard out.count == 0 else { fuzzFailure("a failed transcode left bytes in the buffer") }
    case (.failure, .success(false)):
        // A repeated key makes the transcoder decline before it reads on;
        // its caller then parses the tree, which names the error.
        guard out.count == 0 else { fuzzFailure("a declined transcode left bytes in the buffer") }
    default:
        fuzzFailure("parse and transcode disagree: \(parsed) vs \(transcoded)")
    }
}
