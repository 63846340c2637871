/// The documents of an import's input — a file or standard input, JSON
/// lines or one JSON array — streamed one `DocumentText` at a time.
///
/// The format is decided by the first byte that is not whitespace: `[`
/// means one JSON array, anything else JSON lines. Both formats are read in
/// 1 MiB chunks and never held whole, so memory does not grow with the
/// input (a single document must still fit in memory).
final class DocumentInput {
    enum Format: Equatable {
        case jsonLines
        case jsonArray
    }

    private let input: ChunkedInput
    let format: Format

    /// Opens `path`, or standard input when `path` is `-`, and detects the
    /// format (which may read the first chunk).
    init(path: String, standardInput: StandardInput) throws(CommandFailure) {
        let reader = path == "-" ? standardInput.makeReader() : try FileDescriptorReader(path: path)
        input = ChunkedInput(reader: reader)
        format = try Self.detectFormat(input)
    }

    /// Bytes consumed so far, and the total when known, for progress.
    var consumedBytes: Int { input.consumedBytes }
    var totalBytes: Int? { input.knownSize }

    /// Asked before each document: the name of a signal that asks the
    /// import to stop (SIGINT, SIGTERM), or nil to go on.
    var stopRequested: (() -> String?)?

    /// Calls `body` with each document in input order.
    /// - Throws: `InputSyntaxError` for a broken array structure, the
    ///   reader's `CommandFailure`, an ``ImportInterrupted`` once a stop is
    ///   requested, or whatever `body` throws.
    func forEachDocument(_ body: (DocumentText) throws -> Void) throws {
        let checked: (DocumentText) throws -> Void = { [stopRequested] text in
            if let signal = stopRequested?() { throw ImportInterrupted(signal: signal) }
            try body(text)
        }
        switch format {
        case .jsonLines: try JSONLinesSplitter().forEachDocument(in: input, checked)
        case .jsonArray: try JSONArraySplitter().forEachDocument(in: input, checked)
        }
    }

    private static func detectFormat(_ input: ChunkedInput) throws(CommandFailure) -> Format {
        var checked = 0
        while true {
            let window = input.window
            if let first = window[checked...].first(where: { !JSONWhitespace.contains($0) }) {
                return first == UInt8(ascii: "[") ? .jsonArray : .jsonLines
            }
            checked = window.count
            if try !input.readMore() { return .jsonLines }
        }
    }
}

/// The import was asked to stop (Ctrl-C, SIGTERM): it is rolled back like
/// one that met a bad document.
struct ImportInterrupted: Error, CustomStringConvertible {
    let signal: String
    var description: String { "interrupted by \(signal)" }
}
