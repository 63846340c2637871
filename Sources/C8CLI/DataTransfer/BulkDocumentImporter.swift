import C8Core
import C8Engine
import Dispatch

/// What `c8 import` runs an input through: the batched ``DocumentImporter``
/// or the ``BulkDocumentImporter``.
protocol DocumentLoader: AnyObject {
    func run(_ input: DocumentInput, progress: ProgressBar?) throws -> DocumentImporter.Outcome
    /// Removes what the import inserted before it failed.
    func undo() throws(C8Error)
    /// Keys the import inserted and `undo()` would remove.
    var insertedKeys: [String] { get }
}

extension DocumentImporter: DocumentLoader {}

/// Loads an input into an **empty** collection with one
/// `DocumentCollection.bulkInsert`: the documents are written as sorted
/// table files ingested at once, instead of a thousand at a time through
/// the write-ahead log.
///
/// The whole input is read first — each document's text copied into
/// blocks that are transcoded into their binary form (no `JSON` trees) on
/// the other cores while reading goes on — and the documents are handed
/// to `bulkInsert(encoded:)`, which
/// checks every document as an insert does and writes all of them or none.
/// So the first corrupt or refused document stops the import with its line
/// number and nothing is written at all (nothing to undo); with
/// `skipErrors` bad documents are reported, in input order, and the rest
/// is loaded.
///
/// Memory holds the documents in binary form and their stored forms at
/// once — about three times the input's size at the peak (half of what
/// holding `JSON` trees took). Past `limit` documents
/// the importer stops collecting and hands everything to a batched
/// ``DocumentImporter``, which streams the rest in constant memory.
final class BulkDocumentImporter: DocumentLoader {
    /// Documents an import holds in memory for one bulk load (about 0.65 KB
    /// each at the peak while loading ~200-byte documents: ~3.3 GB at this
    /// limit).
    static let defaultLimit = 5_000_000

    private let collection: DocumentCollection
    private let limit: Int
    private let skipErrors: Bool
    private let reportSkipped: (ImportProblem) -> Void
    /// Set once the input outgrew `limit`.
    private var batched: DocumentImporter?

    init(collection: DocumentCollection, limit: Int = BulkDocumentImporter.defaultLimit, skipErrors: Bool,
         reportSkipped: @escaping (ImportProblem) -> Void) {
        self.collection = collection
        self.limit = max(0, limit)
        self.skipErrors = skipErrors
        self.reportSkipped = reportSkipped
    }

    var insertedKeys: [String] { batched?.insertedKeys ?? [] }

    /// A bulk load writes nothing unless it succeeds; only documents the
    /// batched importer inserted after a switch need removing.
    func undo() throws(C8Error) {
        try batched?.undo()
    }

    /// Imports every document of `input`.
    /// - Throws: as ``DocumentImporter/run(_:progress:)``.
    func run(_ input: DocumentInput, progress: ProgressBar?) throws -> DocumentImporter.Outcome {
        let reader = ParsingReader()
        do {
            try input.forEachDocument { text in
                if let batched {
                    try batched.add(text, progress: progress, completed: input.consumedBytes)
                    return
                }
                reader.append(text)
                if reader.count % DocumentImporter.defaultBatchSize == 0 {
                    progress?.update(documents: reader.count, completed: input.consumedBytes)
                }
                if reader.count > limit {
                    batched = try switchToBatches(reader.finish(), progress: progress, completed: input.consumedBytes)
                }
            }
        } catch let syntaxError as InputSyntaxError {
            if let batched { throw try batched.stopped(by: syntaxError) }
            // As the batched import does: a refused document before the
            // break is the problem to report (or, skipping, every bad one).
            _ = try load(reader.finish(), validateOnly: true)
            throw ImportProblem(syntaxError)
        }
        if let batched { return try batched.finish() }
        return try load(reader.finish(), validateOnly: false)
    }

    /// Bulk-inserts the parsed documents (or only checks them).
    private func load(_ parsed: consuming ParsedDocuments, validateOnly: Bool) throws -> DocumentImporter.Outcome {
        var parsed = parsed
        if !skipErrors, let corrupt = parsed.problems.first {
            // A document before the corrupt one that the collection refuses
            // is the first problem of the input.
            let before = parsed.sources.firstIndex { $0 > corrupt.text } ?? parsed.sources.count
            _ = try bulkInsert(parsed.documents.prefix(before), positions: parsed.positions, validateOnly: true)
            throw corrupt.problem
        }
        let result = try bulkInsert(parsed.documents, positions: parsed.positions, validateOnly: validateOnly)
        // Unmapping a few hundred MB of blocks takes time the import need
        // not wait for: it happens on another thread (and the OS reclaims
        // whatever is left when the process exits first).
        let documents = parsed.documents
        parsed.documents = EncodedDocuments()
        DispatchQueue.global(qos: .utility).async { _ = documents.count }
        var problems = parsed.problems
        for failure in result.skipped {
            problems.append((parsed.sources[failure.index],
                             ImportProblem(position: parsed.positions[failure.index], error: failure.error)))
        }
        problems.sort { $0.text < $1.text }
        for problem in problems { reportSkipped(problem.problem) }
        return DocumentImporter.Outcome(imported: result.inserted, skipped: problems.count)
    }

    /// `bulkInsert`, with a refused document's error placed in the input.
    private func bulkInsert(_ documents: EncodedDocuments, positions: [InputPosition], validateOnly: Bool) throws
        -> BulkInsertResult {
        var options = BulkInsertOptions()
        options.skipErrors = skipErrors
        options.validateOnly = validateOnly
        do {
            return try collection.bulkInsert(encoded: documents, options: options)
        } catch let error {
            guard let failure = error.bulkInsertFailure else { throw error }
            throw ImportProblem(position: positions[failure.index], error: failure.error)
        }
    }

    /// The input has more documents than a bulk load holds: feeds those
    /// read so far to a batched importer, which takes the rest.
    private func switchToBatches(_ parsed: ParsedDocuments, progress: ProgressBar?,
                                 completed: @autoclosure () -> Int) throws -> DocumentImporter {
        let importer = DocumentImporter(collection: collection, skipErrors: skipErrors, reportSkipped: reportSkipped)
        batched = importer  // from here on, `undo()` removes what it inserts
        let done = completed()
        var problems = parsed.problems.makeIterator()
        var nextProblem = problems.next()
        for index in 0..<parsed.documents.count {
            while let problem = nextProblem, problem.text < parsed.sources[index] {
                try importer.add(problem.problem)
                nextProblem = problems.next()
            }
            // Back to the tree the batched import inserts (equal to the one
            // the text parses into: the encoding is exact).
            let document: JSON
            do { document = try parsed.documents.document(at: index) } catch { throw C8Error(error) }
            try importer.add(document, at: parsed.positions[index], progress: progress, completed: done)
        }
        while let problem = nextProblem {
            try importer.add(problem.problem)
            nextProblem = problems.next()
        }
        return importer
    }
}
