import C8Core
import C8Net
import Synchronization

/// A ``C8Connection`` to a C8 endpoint over its REST API (`c8 serve`, or
/// any C8-compatible server): the console's `--url` mode.
///
/// Every call is one or a few HTTP requests on a keep-alive pool, sent from
/// a background queue so the caller's thread never blocks. Server errors
/// come back as the same ``C8Error`` the embedded engine throws; network
/// failures as a ``C8Error`` naming the endpoint (503 unreachable or TLS
/// refused, 504 timed out).
public final class RemoteConnection: C8Connection {
    public let endpoint: String
    let transport: RemoteTransport
    /// The caller's tenant, learnt on first need (stream socket URLs name it).
    let tenantName = Mutex<String?>(nil)
    /// The region requests go to (``useRegion(_:)``), learnt by ``verify()``.
    let regionName = Mutex<String>("")
    /// Whether ``verify()`` asked for the region already (it asks once).
    let regionAsked = Atomic<Bool>(false)

    /// - Parameters:
    ///   - url: the endpoint, `https://api-gdn.example.com` or
    ///     `http://127.0.0.1:8529`.
    ///   - tlsVerification: `.none` is `--insecure`.
    /// - Throws: ``C8Error`` 400 when `url` is not an http(s) URL. Nothing
    ///   is sent yet; ``verify()`` checks the endpoint and credentials.
    public init(url: String, credentials: RemoteCredentials, tlsVerification: TLSServerVerification = .systemTrustStore,
                requestTimeout: Duration = .seconds(260)) throws(C8Error) {
        transport = try RemoteTransport(
            url: url, credentials: credentials,
            configuration: HTTPClientConfiguration(requestTimeout: requestTimeout, tlsVerification: tlsVerification))
        endpoint = transport.endpoint
    }

    /// Reaches the endpoint with the credentials (`GET /_api/version`), so a
    /// wrong URL or key fails at once rather than at the first action.
    /// - Returns: the server's version.
    @discardableResult
    public func verify() async throws(C8Error) -> String {
        let version = try await transport.call(.get, "/_api/version")["version"].stringValue ?? ""
        if !regionAsked.exchange(true, ordering: .relaxed) { await learnRegion() }
        return version
    }

    public func close() {
        transport.close()
    }

    // MARK: Fabrics

    /// Fabric management lives in `_system` (GDN refuses it elsewhere).
    private static let system = "_system"

    public func fabrics() async throws(C8Error) -> [FabricInfo] {
        let listed = try await transport.call(.get, RemotePath.api(Self.system, "database", "user"))
        return (listed["result"].arrayValue ?? []).map(FabricInfo.init(json:))
    }

    public func createFabric(_ name: String, options: JSON) async throws(C8Error) {
        let body: JSON = ["name": .string(name), "options": options.isNull ? [:] : options]
        _ = try await transport.call(.post, RemotePath.api(Self.system, "database"), body: body)
    }

    public func dropFabric(_ name: String) async throws(C8Error) {
        _ = try await transport.call(.delete, RemotePath.api(Self.system, "database", name))
    }

    // MARK: Collections

    /// The list carries no counts; each collection's comes from its
    /// `/count`, as the embedded list reports one.
    public func collections(in fabric: String) async throws(C8Error) -> [CollectionInfo] {
        let listed = try await transport.call(.get, RemotePath.api(fabric, "collection"))
        var infos: [CollectionInfo] = []
        for item in listed["result"].arrayValue ?? [] {
            var info = CollectionInfo(json: item)
            let counted = try await transport.call(.get, RemotePath.api(fabric, "collection", info.name, "count"))
            info.count = counted["count"].intValue.map { Int($0) }
            infos.append(info)
        }
        return infos
    }

    public func createCollection(_ name: String, in fabric: String, options: JSON) async throws(C8Error) -> CollectionInfo {
        var body = options.objectValue ?? JSONObject()
        body["name"] = .string(name)
        var info = CollectionInfo(json: try await transport.call(.post, RemotePath.api(fabric, "collection"), body: .object(body)))
        info.count = 0
        return info
    }

    public func dropCollection(_ name: String, in fabric: String) async throws(C8Error) {
        _ = try await transport.call(.delete, RemotePath.api(fabric, "collection", name))
    }

    public func truncateCollection(_ name: String, in fabric: String) async throws(C8Error) {
        _ = try await transport.call(.put, RemotePath.api(fabric, "collection", name, "truncate"))
    }

    public func figures(of collection: String, in fabric: String) async throws(C8Error) -> JSON {
        try await transport.call(.get, RemotePath.api(fabric, "collection", collection, "figures")).withoutEnvelope
    }

    // MARK: Indexes

    public func indexes(of collection: String, in fabric: String) async throws(C8Error) -> [JSON] {
        let listed = try await transport.call(.get, RemotePath.api(fabric, "index", query: [("collection", collection)]))
        return listed["indexes"].arrayValue ?? []
    }

    public func createIndex(on collection: String, in fabric: String, definition: JSON) async throws(C8Error) -> JSON {
        try await transport.call(.post, RemotePath.api(fabric, "index", query: [("collection", collection)]), body: definition)
            .withoutEnvelope
    }

    /// An id (`users/12`) already names its collection; a name is looked up
    /// under `collection`.
    public func dropIndex(_ id: String, on collection: String, in fabric: String) async throws(C8Error) {
        let parts = id.split(separator: "/", maxSplits: 1).map(String.init)
        let target = parts.count == 2
            ? RemotePath.api(fabric, "index", parts[0], parts[1])
            : RemotePath.api(fabric, "index", collection, id)
        _ = try await transport.call(.delete, target)
    }

    // MARK: Documents

    /// Nil when the document does not exist; a missing collection still throws.
    public func document(_ key: String, in collection: String, fabric: String) async throws(C8Error) -> JSON? {
        do throws(C8Error) {
            return try await transport.call(.get, RemotePath.api(fabric, "document", collection, key))
        } catch where error.matches(.documentNotFound) {
            return nil
        }
    }

    /// A page is a query over the primary index: the REST API has no
    /// "documents after key" route, and the planner serves a `_key` range
    /// sorted by `_key` from the index without sorting.
    public func documents(in collection: String, fabric: String, after key: String?, limit: Int, descending: Bool) async throws(C8Error) -> [JSON] {
        var bindVariables: JSONObject = ["@collection": .string(collection), "limit": .int(Int64(limit))]
        var filter = ""
        if let key {
            filter = " FILTER d._key \(descending ? "<" : ">") @after"
            bindVariables["after"] = .string(key)
        }
        let text = "FOR d IN @@collection\(filter) SORT d._key \(descending ? "DESC" : "ASC") LIMIT @limit RETURN d"
        return try await allResults(QueryRequest(query: text, bindVariables: .object(bindVariables), batchSize: max(1, limit)), in: fabric)
    }

    public func insertDocument(_ document: JSON, into collection: String, fabric: String) async throws(C8Error) -> JSON {
        try await transport.call(.post, RemotePath.api(fabric, "document", collection), body: document)
    }

    /// `rev` travels as `If-Match`, which the server checks before writing.
    public func replaceDocument(_ key: String, with document: JSON, in collection: String, fabric: String, rev: String?) async throws(C8Error) -> JSON {
        let headers = rev.map { [("If-Match", "\"\($0)\"")] } ?? []
        return try await transport.call(.put, RemotePath.api(fabric, "document", collection, key), body: document, headers: headers)
    }

    public func updateDocument(_ key: String, with patch: JSON, in collection: String, fabric: String) async throws(C8Error) -> JSON {
        try await transport.call(.patch, RemotePath.api(fabric, "document", collection, key), body: patch)
    }

    public func removeDocument(_ key: String, from collection: String, fabric: String) async throws(C8Error) {
        _ = try await transport.call(.delete, RemotePath.api(fabric, "document", collection, key))
    }

    public func insertDocuments(_ documents: [JSON], into collection: String, fabric: String) async throws(C8Error) -> [Result<JSON, C8Error>] {
        let items = try await transport.call(.post, RemotePath.api(fabric, "document", collection), body: .array(documents))
        return try Self.batchItems(items, expected: documents.count).map { item in
            C8Error(json: item).map { .failure($0) } ?? .success(item)
        }
    }

    public func removeDocuments(_ keys: [String], from collection: String, fabric: String) async throws(C8Error) -> [C8Error?] {
        let items = try await transport.call(.delete, RemotePath.api(fabric, "document", collection),
                                             body: .array(keys.map { JSON.string($0) }))
        return try Self.batchItems(items, expected: keys.count).map { C8Error(json: $0) }
    }

    /// A batch answer has one item per input, failures marked `error: true`.
    private static func batchItems(_ answer: JSON, expected: Int) throws(C8Error) -> [JSON] {
        guard let items = answer.arrayValue, items.count == expected else {
            throw C8Error(.internalError, "a batch of \(expected) was answered with \(answer.arrayValue?.count ?? 0) results")
        }
        return items
    }
}
