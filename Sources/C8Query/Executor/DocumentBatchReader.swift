import C8Core
import C8Engine

/// Reads the documents behind a stream of `_key`s (an index cursor, a key
/// list) a batch at a time (``DocumentCollection/documents(_:projection:)``,
/// one storage `MultiGet` for the cache misses), handing them out one by one.
///
/// Batches start small and double: a query that stops early (LIMIT) reads
/// few documents it does not use, and a long index range is read in
/// batches of up to ``largestBatch``.
final class DocumentBatchReader {
    private let collection: DocumentCollection
    private let projection: DocumentProjection?
    private let nextKey: () -> String?
    private var documents: [JSON?] = []
    private var position = 0
    private var batchSize: Int
    private var keysEnded = false

    static let firstBatch = 4
    static let largestBatch = 64

    /// - Parameter firstBatch: how many documents the first batch reads:
    ///   the rows a LIMIT right after the loop takes, when there is one,
    ///   so that `LIMIT 10` reads 10 documents instead of 4 + 8.
    init(
        collection: DocumentCollection, projection: DocumentProjection?, firstBatch: Int = DocumentBatchReader.firstBatch,
        keys nextKey: @escaping () -> String?
    ) {
        self.collection = collection
        self.projection = projection
        self.nextKey = nextKey
        self.batchSize = min(max(firstBatch, 1), Self.largestBatch)
    }

    /// The document of the next key: `.some(nil)` when the key names no
    /// document (any more), nil when the keys are done.
    func next() throws(C8Error) -> JSON?? {
        if position == documents.count {
            guard !keysEnded else { return nil }
            var keys: [String] = []
            keys.reserveCapacity(batchSize)
            while keys.count < batchSize, let key = nextKey() { keys.append(key) }
            keysEnded = keys.count < batchSize
            batchSize = min(batchSize * 2, Self.largestBatch)
            guard !keys.isEmpty else { return nil }
            documents = try collection.documents(keys, projection: projection)
            position = 0
        }
        defer { position += 1 }
        return .some(documents[position])
    }
}
