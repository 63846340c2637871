// libFuzzer harness: the JSON text parser (C8Core JSON.parse, JSON.Parser)
// and the writer on what it parses.
//
// Properties beyond "no crash, no leak":
// - the reusable parser (JSON.Parser) answers exactly as the one-shot parse,
//   also when it parsed another text before;
// - accepted text is valid UTF-8 (nothing silently repaired);
// - an error names an offset inside the input;
// - serialize is a fixpoint: parse(serialize(v)) serializes to the same
//   bytes, compact and pretty alike.
import C8Core

nonisolated(unsafe) private var reusable = JSON.Parser()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    bytes.withUnsafeBufferPointer { buffer in
        let oneShot = Result { () throws(JSONParseError) -> JSON in try JSON.parse(buffer: buffer) }
        let again = Result { () throws(JSONParseError) -> JSON in try reusable.parse(buffer: buffer) }
        switch (oneShot, again) {
        case (.success(let a), .success(let b)):
            guard identical(a, b) else { fuzzFailure("JSON.Parser and JSON.parse disagree on the value") }
            // Strict RFC 8259: accepted text is UTF-8 (outside strings only
            // ASCII is allowed, inside them the parser validates), so
            // nothing was silently repaired on the way to a String.
            guard String(validating: bytes, as: UTF8.self) != nil else {
                fuzzFailure("accepted text that is not UTF-8: \(bytes)")
            }
            checkWriter(a)
        case (.failure(let a), .failure(let b)):
            guard a == b else { fuzzFailure("JSON.Parser and JSON.parse disagree on the error: \(a) vs \(b)") }
            guard a.offset >= 0, a.offset <= size, a.line >= 1, a.column >= 1 else {
                fuzzFailure("error position out of the input: \(a)")
            }
            _ = a.description
        default:
            fuzzFailure("JSON.Parser and JSON.parse disagree on success: \(oneShot) vs \(again)")
        }
    }
    return 0
}

private func checkWriter(_ value: JSON) {
    let compact = value.serialized()
    guard let reparsed = try? JSON.parse(compact) else {
        fuzzFailure("serialized text does not parse: \(String(decoding: compact, as: UTF8.self))")
    }
    let second = reparsed.serialized()
    guard second == compact else {
        fuzzFailure("serialize is not a fixpoint: \(String(decoding: compact, as: UTF8.self)) vs \(String(decoding: second, as: UTF8.self))")
    }
    let pretty = value.serialized(pretty: true)
    guard let fromPretty = try? JSON.parse(pretty), fromPretty.serialized() == compact else {
        fuzzFailure("pretty text does not parse back to the same value")
    }
}
