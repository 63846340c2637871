import C8Core
import C8Engine

/// Loads an input's documents into a collection (embedded or remote, see
/// ``ImportTarget``) in batches, all or nothing unless bad documents are
/// to be skipped: what `c8 import` does into a collection that already
/// holds documents, into a remote one,
/// or past the bulk importer's limit (``BulkDocumentImporter`` loads an
/// empty collection at once). It streams, in constant memory.
///
/// Without `skipErrors` the first corrupt or refused document stops the
/// import with an `ImportProblem`; the caller then calls `undo()`, which
/// removes every document this import inserted (batches before the bad
/// one, and the good documents of its own batch, which the collection
/// commits independently). Inserts never overwrite, so removing what was
/// inserted restores the collection exactly. With `skipErrors` each bad
/// document is passed to `reportSkipped` and the import goes on.
final class DocumentImporter {
    struct Outcome: Equatable {
        var imported = 0
        var skipped = 0
    }

    /// Documents per batch: large enough to amortize the
    /// collection's lock and RocksDB's write, small enough that a batch's
    /// parsed documents stay in cache.
    static let defaultBatchSize = 1000

    private let target: any ImportTarget
    private let batchSize: Int
    private let skipErrors: Bool
    private let reportSkipped: (ImportProblem) -> Void
    private var batch: [JSON] = []
    private var positions: [InputPosition] = []
    /// Keys this import inserted, in order: what `undo()` removes.
    private(set) var insertedKeys: [String] = []
    private var outcome = Outcome()

    init(collection: any ImportTarget, batchSize: Int = DocumentImporter.defaultBatchSize, skipErrors: Bool,
         reportSkipped: @escaping (ImportProblem) -> Void) {
        self.target = collection
        self.batchSize = max(1, batchSize)
        self.skipErrors = skipErrors
        self.reportSkipped = reportSkipped
        batch.reserveCapacity(self.batchSize)
        positions.reserveCapacity(self.batchSize)
    }

    /// Imports every document of `input`.
    /// - Throws: `ImportProblem` for the first bad document (unless
    ///   skipping) or a broken array structure (always), a reader's
    ///   `CommandFailure`, or a storage `C8Error`.
    func run(_ input: DocumentInput, progress: ProgressBar?) throws -> Outcome {
        do {
            try input.forEachDocument { text in try add(text, progress: progress, completed: input.consumedBytes) }
        } catch let syntaxError as InputSyntaxError {
            throw try stopped(by: syntaxError)
        }
        return try finish()
    }

    /// Parses and adds one document (the bulk importer hands over here
    /// when an input turns out to be too large to hold).
    func add(_ text: DocumentText, progress: ProgressBar?, completed: @autoclosure () -> Int) throws {
        switch Result(catching: { () throws(JSONParseError) -> JSON in try JSON.parse(buffer: text.bytes) }) {
        case .success(let document):
            try add(document, at: text.position, progress: progress, completed: completed())
        case .failure(let error):
            try add(ImportProblem(error, in: text))
        }
    }

    /// Adds a document parsed elsewhere.
    func add(_ document: JSON, at position: InputPosition, progress: ProgressBar?,
             completed: @autoclosure () -> Int) throws {
        batch.append(document)
        positions.append(position)
        if batch.count >= batchSize {
            try flush()
            progress?.update(documents: outcome.imported, completed: completed())
        }
    }

    /// A document that is not JSON, in its place in the input.
    func add(_ problem: ImportProblem) throws {
        try handleInOrder(problem)
    }

    /// The problem to throw for a broken array structure: a refused
    /// document before it comes first, unless skipping.
    func stopped(by syntaxError: InputSyntaxError) throws -> ImportProblem {
        // A broken array cannot be read past, so even --skip-errors stops
        // here rather than silently dropping the rest of the input.
        if !skipErrors { try flush() }
        return ImportProblem(syntaxError)
    }

    /// Inserts what is pending; the import's figures.
    func finish() throws -> Outcome {
        try flush()
        return outcome
    }

    /// Removes every document this import inserted.
    /// - Throws: the collection's error; `insertedKeys` then still lists
    ///   what may remain.
    func undo() throws(C8Error) {
        var index = insertedKeys.startIndex
        while index < insertedKeys.endIndex {
            let end = min(index + batchSize, insertedKeys.endIndex)
            try target.removeKeys(insertedKeys[index..<end])
            index = end
        }
        insertedKeys.removeAll()
    }

    /// Inserts the pending batch. Successes are recorded before any failure
    /// is raised, so `undo()` knows about every committed document.
    private func flush() throws {
        guard !batch.isEmpty else { return }
        let results = try target.insertBatch(batch)
        var problems: [ImportProblem] = []
        for (result, position) in zip(results, positions) {
            switch result {
            case .success(let key):
                insertedKeys.append(key)
                outcome.imported += 1
            case .failure(let error):
                problems.append(ImportProblem(position: position, error: error))
            }
        }
        batch.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        for problem in problems { try handle(problem) }
    }

    /// Handles a problem found while reading, after the documents before it:
    /// when the import is about to stop, an earlier document of the pending
    /// batch that the collection refuses is the one to report.
    private func handleInOrder(_ problem: ImportProblem) throws {
        if !skipErrors { try flush() }
        try handle(problem)
    }

    private func handle(_ problem: ImportProblem) throws {
        guard skipErrors else { throw problem }
        outcome.skipped += 1
        reportSkipped(problem)
    }
}
