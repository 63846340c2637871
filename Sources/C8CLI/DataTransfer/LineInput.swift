/// Lines of an input, each handed over as soon as its newline has been read,
/// so `c8 stream publish` sends what a pipe delivers without waiting for
/// the end of it. A final line without a newline counts; `\r\n` endings
/// lose their `\r`.
struct LineInput {
    private let input: ChunkedInput

    init(reader: any ByteReader) {
        // Small chunks: read(2) returns what a pipe holds, and a line is short.
        input = ChunkedInput(reader: reader, chunkSize: 64 * 1024)
    }

    /// Calls `body` with each line's bytes, without the line ending.
    func forEachLine(_ body: ([UInt8]) throws -> Void) throws {
        var scanned = 0
        while true {
            let window = input.window
            if let newline = window[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(window[..<newline])
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                input.consume(newline + 1)
                scanned = 0
                try body(line)
                continue
            }
            scanned = window.count
            guard try input.readMore() else { break }
        }
        if !input.window.isEmpty { try body(Array(input.window)) }
    }
}
