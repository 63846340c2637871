import C8Core
import C8Engine

/// Writes a collection's documents as JSON lines — `_key`, `_id`, `_rev`
/// first, as users see them — streaming from `scan()`, so memory stays
/// constant whatever the collection's size.
struct DocumentExporter {
    let collection: DocumentCollection

    /// Writes every document to `output`.
    /// - Returns: how many documents were written.
    func run(to output: BufferedOutput, progress: ProgressBar?) throws -> Int {
        let scanner = collection.scan()
        var written = 0
        while let document = try scanner.next() {
            try output.appendLine(document.serialized())
            written += 1
            if written % 1000 == 0 { progress?.update(documents: written, completed: written) }
        }
        try output.finish()
        return written
    }
}
