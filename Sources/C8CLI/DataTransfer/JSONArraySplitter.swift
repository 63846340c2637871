/// Splits one JSON array into one `DocumentText` per element while reading
/// it in chunks, so a JSON array file streams in constant memory just like
/// JSON lines.
///
/// It only finds element boundaries — top-level commas and the closing
/// bracket, skipping strings and nested containers — and leaves checking
/// each element to the JSON parser, which then reports errors with the
/// element's line. Structural problems the parser cannot see (a missing
/// `]`, an empty element, text after the array) are `InputSyntaxError`s.
struct JSONArraySplitter {
    private enum Phase {
        case beforeArray, inArray, afterArray
    }

    /// Everything the scan knows between chunks; offsets are absolute
    /// (counted from the start of the input) so they survive the window
    /// moving.
    private struct Scan {
        var phase = Phase.beforeArray
        var line = 1
        var lineStart = 0
        var depth = 0
        var inString = false
        var escaped = false
        var elementStart: Int?
        var elementLine = 0
        var elementColumn = 0
        var elementIndex = 0
        var sawSeparator = false
        var next = 0

        func position(at offset: Int) -> InputPosition {
            InputPosition(line: line, column: offset - lineStart + 1)
        }
    }

    func forEachDocument(in input: ChunkedInput, _ body: (DocumentText) throws -> Void) throws {
        var scan = Scan()
        while true {
            let window = input.window
            let origin = input.consumedBytes
            try scanWindow(window, origin: origin, &scan, body)
            input.consume((scan.elementStart ?? scan.next) - origin)
            if try !input.readMore() { break }
        }
        switch scan.phase {
        case .beforeArray:
            throw InputSyntaxError(message: "expected a JSON array", position: scan.position(at: scan.next))
        case .inArray:
            throw InputSyntaxError(message: "the JSON array is not closed (missing ']')",
                                   position: scan.position(at: scan.next))
        case .afterArray:
            return
        }
    }

    private func scanWindow(_ window: UnsafeBufferPointer<UInt8>, origin: Int, _ scan: inout Scan,
                            _ body: (DocumentText) throws -> Void) throws {
        var i = scan.next - origin
        while i < window.count {
            let byte = window[i]
            let offset = origin + i
            i += 1
            if byte == UInt8(ascii: "\n") {
                scan.line += 1
                scan.lineStart = offset + 1
            }
            if scan.inString {
                if scan.escaped {
                    scan.escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    scan.escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    scan.inString = false
                }
                continue
            }
            if JSONWhitespace.contains(byte) { continue }
            switch scan.phase {
            case .beforeArray:
                guard byte == UInt8(ascii: "[") else {
                    throw InputSyntaxError(message: "expected '[' to start a JSON array", position: scan.position(at: offset))
                }
                scan.phase = .inArray
            case .afterArray:
                throw InputSyntaxError(message: "unexpected text after the JSON array", position: scan.position(at: offset))
            case .inArray:
                if scan.depth == 0, byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") {
                    try finishElement(window, origin: origin, end: offset, closing: byte == UInt8(ascii: "]"), &scan, body)
                    continue
                }
                if scan.elementStart == nil {
                    scan.elementStart = offset
                    scan.elementLine = scan.line
                    scan.elementColumn = offset - scan.lineStart + 1
                }
                switch byte {
                case UInt8(ascii: "\""): scan.inString = true
                case UInt8(ascii: "["), UInt8(ascii: "{"): scan.depth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"): scan.depth -= 1
                default: break
                }
            }
        }
        scan.next = origin + window.count
    }

    /// Hands out the element that ends at `end` (a top-level `,` or `]`).
    private func finishElement(_ window: UnsafeBufferPointer<UInt8>, origin: Int, end: Int, closing: Bool,
                               _ scan: inout Scan, _ body: (DocumentText) throws -> Void) throws {
        if let start = scan.elementStart {
            let text = UnsafeBufferPointer(rebasing: window[(start - origin)..<(end - origin)])
            let position = InputPosition(line: scan.elementLine, element: scan.elementIndex)
            scan.elementStart = nil
            scan.elementIndex += 1
            try body(DocumentText(bytes: text, position: position, column: scan.elementColumn))
        } else if !closing || scan.sawSeparator || scan.elementIndex > 0 {
            var position = scan.position(at: end)
            position.element = scan.elementIndex
            throw InputSyntaxError(message: "expected a document before '\(closing ? "]" : ",")'", position: position)
        }
        scan.sawSeparator = !closing
        if closing { scan.phase = .afterArray }
        scan.next = end + 1
    }
}
