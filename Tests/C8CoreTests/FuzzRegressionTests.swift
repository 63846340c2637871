import C8Core
import XCTest

/// Inputs the fuzz harnesses (Fuzz/, scripts/fuzz.sh) found, kept as
/// literals so the normal suite replays them. Each names its harness.
final class FuzzRegressionTests: XCTestCase {
    /// binary harness: a string whose non-ASCII bytes come before its first
    /// escape skipped UTF-8 validation of those bytes. The tree parser then
    /// repaired them (U+FFFD) while the transcoder stored them raw, so the
    /// two disagreed and invalid UTF-8 reached storage. Both must refuse.
    func testInvalidUTF8BeforeAnEscapeIsRefused() {
        let cases: [([UInt8], Int)] = [
            // Found by the fuzzer: 20 plain bytes, a lone continuation byte, more plain bytes, an escape.
            ([0x22] + Array(repeating: 0x78, count: 20) + [0x8C] + Array(repeating: 0x78, count: 20) + [0x5C, 0x22, 0x22], 21),
            // Minimal: the bad byte seen by the byte loop, then by the 8-byte scan.
            ([0x22, 0x8C, 0x5C, 0x6E, 0x22], 1),
            ([0x22, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x8C, 0x5C, 0x6E, 0x22], 8),
            ([0x7B, 0x22, 0xC3, 0x28, 0x5C, 0x75, 0x30, 0x30, 0x34, 0x31, 0x22, 0x3A, 0x31, 0x7D], 3),  // in a key
            ([0x5B, 0x22, 0xED, 0xA0, 0x80, 0x5C, 0x74, 0x22, 0x5D], 3),  // encoded surrogate
        ]
        var parser = JSON.Parser()
        for (bytes, offset) in cases {
            let parsed = Result { () throws(JSONParseError) -> JSON in try JSON.parse(bytes) }
            guard case .failure(let error) = parsed else { XCTFail("\(bytes) parses as \(parsed)"); continue }
            XCTAssertEqual(error.offset, offset, "\(bytes): \(error)")
            var out = ByteBuffer()
            let transcoded = bytes.withUnsafeBufferPointer { text in
                Result { () throws(JSONParseError) -> Bool in try parser.transcode(buffer: text, into: &out) }
            }
            guard case .failure(let transcodeError) = transcoded else { XCTFail("\(bytes) transcodes"); continue }
            XCTAssertEqual(transcodeError, error)
            XCTAssertEqual(out.count, 0)
        }
        // Valid non-ASCII before an escape still parses.
        XCTAssertEqual(try JSON.parse([0x22, 0xC3, 0xA9, 0x5C, 0x6E, 0x22] as [UInt8]), .string("é\n"))
        XCTAssertEqual(try JSON.parse(Array("\"0123456789é€😀\\t\"".utf8)), .string("0123456789é€😀\t"))
    }
}
