// libFuzzer harness: the C8QL lexer and parser (C8Query Language/).
//
// The input is query text (invalid UTF-8 is repaired the way a String
// from the wire would be). Properties beyond "no crash, no leak, no stack
// overflow": an error is a C8Error with a message; a parsed query renders
// as an S-expression (which walks the whole tree) and parsing is
// deterministic.
import C8Core
@testable import C8Query

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzC8QL(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    _ = Lexer.tokenize(text)
    do {
        let parsed = try QueryParser.parse(text)
        let rendered = SExpression.render(parsed.query)
        _ = parsed.bindParameters
        _ = parsed.collections
        _ = parsed.warnings.map(\.message)
        guard let again = try? QueryParser.parse(text), SExpression.render(again.query) == rendered else {
            fuzzFailure("a second parse of the same text differs")
        }
    } catch {
        guard !error.message.isEmpty else { fuzzFailure("an error without a message") }
    }
    return 0
}
