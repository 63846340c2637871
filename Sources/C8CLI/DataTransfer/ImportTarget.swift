import C8Client
import C8Core
import C8Engine

/// Where ``DocumentImporter`` puts documents: a collection of the embedded
/// engine, or one behind a connection (`c8 import --url`). The names differ
/// from the collection's own `insert(many:)` and `remove(many:)` so that no
/// call to those picks up this conformance by overload.
protocol ImportTarget {
    /// Inserts a batch: one result per document, in order, the key it was
    /// stored under or why it was refused.
    func insertBatch(_ documents: [JSON]) throws -> [Result<String, C8Error>]
    /// Removes documents by key (undoing an import); keys already gone are
    /// not an error.
    func removeKeys(_ keys: ArraySlice<String>) throws(C8Error)
}

extension DocumentCollection: ImportTarget {
    func insertBatch(_ documents: [JSON]) throws -> [Result<String, C8Error>] {
        try insert(many: documents, options: WriteOptions()).map { $0.map(\.key) }
    }

    func removeKeys(_ keys: ArraySlice<String>) throws(C8Error) {
        let results = try remove(many: keys.map { JSON.string($0) })
        for case .failure(let error) in results where !error.matches(.documentNotFound) { throw error }
    }
}

/// A collection at the other end of a connection; each batch is one request.
struct ConnectionImportTarget: ImportTarget {
    let connection: any C8Connection
    let collection: String
    let fabric: String

    func insertBatch(_ documents: [JSON]) throws -> [Result<String, C8Error>] {
        let results = try AsyncBridge.wait { [connection, collection, fabric] () async throws(C8Error) in
            try await connection.insertDocuments(documents, into: collection, fabric: fabric)
        }
        return results.map { $0.map { $0["_key"].stringValue ?? "" } }
    }

    func removeKeys(_ keys: ArraySlice<String>) throws(C8Error) {
        let batch = Array(keys)
        let failures = try AsyncBridge.wait { [connection, collection, fabric] () async throws(C8Error) in
            try await connection.removeDocuments(batch, from: collection, fabric: fabric)
        }
        for case let error? in failures where !error.matches(.documentNotFound) { throw error }
    }
}
