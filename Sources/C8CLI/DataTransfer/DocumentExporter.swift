import C8Core
import C8Engine

/// Writes a collection's documents as JSON lines — `_key`, `_id`, `_rev`
/// first, as users see them — streaming from `scan()` (or a connection's
/// pages), so memory stays constant whatever the collection's size.
struct DocumentExporter {
    /// Starts reading: a function returning the next document in `_key`
    /// order, nil at the end. The reader lives only while `run` does, so a
    /// storage iterator never outlives the export (the engine closes after).
    private let open: () -> () throws -> JSON?

    init(collection: DocumentCollection) {
        open = {
            let scanner = collection.scan()
            return { try scanner.next() }
        }
    }

    init(pages: ConnectionDocumentPages) {
        open = { { try pages.next() } }
    }

    /// Writes every document to `output`, unless `stopRequested` names a
    /// signal first.
    /// - Returns: how many documents were written.
    func run(to output: BufferedOutput, progress: ProgressBar?, stopRequested: () -> String? = { nil }) throws -> Int {
        let nextDocument = open()
        var written = 0
        while let document = try nextDocument() {
            if let signal = stopRequested() {
                throw CommandFailure("interrupted by \(signal)" + (output.path.map { "; \($0) is left as it was" } ?? ""))
            }
            try output.appendLine(document.serialized())
            written += 1
            if written % 1000 == 0 { progress?.update(documents: written, completed: written) }
        }
        try output.finish()
        return written
    }
}
