import C8Client
import C8Core

/// A collection's documents in `_key` order through a connection, a page
/// at a time (`c8 export --url`): one page in memory, each after the last
/// key of the one before, so the export is consistent with concurrent
/// inserts the way a scan is.
final class ConnectionDocumentPages {
    static let pageSize = 1000

    private let connection: any C8Connection
    private let collection: String
    private let fabric: String
    private var page: [JSON] = []
    private var position = 0
    private var lastKey: String?
    private var exhausted = false

    init(connection: any C8Connection, collection: String, fabric: String) {
        self.connection = connection
        self.collection = collection
        self.fabric = fabric
    }

    func next() throws -> JSON? {
        if position == page.count {
            guard !exhausted else { return nil }
            let after = lastKey
            page = try AsyncBridge.wait { [connection, collection, fabric] () async throws(C8Error) in
                try await connection.documents(in: collection, fabric: fabric, after: after, limit: Self.pageSize, descending: false)
            }
            position = 0
            exhausted = page.count < Self.pageSize
            guard !page.isEmpty else { return nil }
            lastKey = page.last?["_key"].stringValue
        }
        defer { position += 1 }
        return page[position]
    }
}
