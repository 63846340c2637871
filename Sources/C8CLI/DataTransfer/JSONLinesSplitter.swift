#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits JSON lines input into one `DocumentText` per non-blank line,
/// finding line ends with `memchr` on the raw bytes: no `String` per line,
/// no copy of the line.
///
/// A trailing `\r` (CRLF files) is dropped; blank and whitespace-only lines
/// are skipped but still counted, so line numbers match an editor's.
struct JSONLinesSplitter {
    func forEachDocument(in input: ChunkedInput, _ body: (DocumentText) throws -> Void) throws {
        var line = 0
        var searched = 0  // bytes of the window already known to hold no newline
        while true {
            let window = input.window
            let base = window.baseAddress
            let found: UnsafeMutableRawPointer? = window.count > searched
                ? memchr(base! + searched, Int32(UInt8(ascii: "\n")), window.count - searched)
                : nil
            if let found {
                let length = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base!
                line += 1
                try emit(UnsafeBufferPointer(rebasing: window[0..<length]), line: line, body)
                input.consume(length + 1)
                searched = 0
                continue
            }
            searched = window.count
            if try input.readMore() { continue }
            let last = input.window  // reading may have moved the bytes
            if !last.isEmpty {  // a last line without a newline
                line += 1
                try emit(last, line: line, body)
                input.consume(last.count)
            }
            return
        }
    }

    private func emit(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, _ body: (DocumentText) throws -> Void) throws {
        var count = bytes.count
        if count > 0, bytes[count - 1] == UInt8(ascii: "\r") { count -= 1 }
        let text = UnsafeBufferPointer(rebasing: bytes[0..<count])
        guard text.contains(where: { !JSONWhitespace.contains($0) }) else { return }
        try body(DocumentText(bytes: text, position: InputPosition(line: line), column: 1))
    }
}

/// The four bytes JSON allows between tokens.
enum JSONWhitespace {
    static func contains(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
