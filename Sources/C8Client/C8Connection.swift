import C8Core

/// Everything the console and the command line ask of a C8 platform.
///
/// Two implementations: ``EmbeddedConnection`` (the engine in this process)
/// and the remote one (HTTP + WebSocket to any C8 endpoint, with the server
/// issue). Both pass the same contract tests, so the console behaves the
/// same on either. Payloads are the C8 REST API's JSON, so the remote
/// implementation passes them through unchanged.
public protocol C8Connection: AnyObject, Sendable {
    /// Where the connection goes, for the status bar: a data dir or a URL.
    var endpoint: String { get }

    // MARK: Fabrics

    /// Fabrics the caller can see (`GET /_api/database/user`).
    func fabrics() async throws(C8Error) -> [FabricInfo]
    func createFabric(_ name: String, options: JSON) async throws(C8Error)
    func dropFabric(_ name: String) async throws(C8Error)

    // MARK: Collections

    func collections(in fabric: String) async throws(C8Error) -> [CollectionInfo]
    /// Creates a collection from a create-collection body (`{type, keyOptions, shardKeys, …}`).
    func createCollection(_ name: String, in fabric: String, options: JSON) async throws(C8Error) -> CollectionInfo
    func dropCollection(_ name: String, in fabric: String) async throws(C8Error)
    func truncateCollection(_ name: String, in fabric: String) async throws(C8Error)
    /// `GET …/collection/{name}/figures`.
    func figures(of collection: String, in fabric: String) async throws(C8Error) -> JSON

    // MARK: Indexes

    /// The collection's indexes in the API form (`{id, name, type, fields, …}`).
    func indexes(of collection: String, in fabric: String) async throws(C8Error) -> [JSON]
    func createIndex(on collection: String, in fabric: String, definition: JSON) async throws(C8Error) -> JSON
    /// Drops by id (`collection/N`) or name.
    func dropIndex(_ id: String, on collection: String, in fabric: String) async throws(C8Error)

    // MARK: Documents

    func document(_ key: String, in collection: String, fabric: String) async throws(C8Error) -> JSON?
    /// Up to `limit` documents in `_key` order after `key` (from the start
    /// when nil), or before it in reverse order with `descending`.
    func documents(in collection: String, fabric: String, after key: String?, limit: Int, descending: Bool) async throws(C8Error) -> [JSON]
    /// Inserts; returns `{_id, _key, _rev}`.
    func insertDocument(_ document: JSON, into collection: String, fabric: String) async throws(C8Error) -> JSON
    /// Replaces; with `rev`, only if the stored revision is still `rev` (1200 otherwise).
    func replaceDocument(_ key: String, with document: JSON, in collection: String, fabric: String, rev: String?) async throws(C8Error) -> JSON
    func updateDocument(_ key: String, with patch: JSON, in collection: String, fabric: String) async throws(C8Error) -> JSON
    func removeDocument(_ key: String, from collection: String, fabric: String) async throws(C8Error)
    /// Inserts a batch (`c8 import`): one result per document, in order,
    /// `{_id, _key, _rev}` or why that document was refused.
    func insertDocuments(_ documents: [JSON], into collection: String, fabric: String) async throws(C8Error) -> [Result<JSON, C8Error>]
    /// Removes a batch by key: one entry per key, nil where it was removed.
    func removeDocuments(_ keys: [String], from collection: String, fabric: String) async throws(C8Error) -> [C8Error?]

    // MARK: Queries

    /// Starts a query and returns its first batch (`POST /_api/cursor`).
    func query(_ request: QueryRequest, in fabric: String) async throws(C8Error) -> CursorPage
    /// The next batch of a cursor (`PUT /_api/cursor/{id}`).
    func nextPage(of cursor: String, in fabric: String) async throws(C8Error) -> CursorPage
    func closeCursor(_ cursor: String, in fabric: String) async throws(C8Error)
    func explain(_ request: QueryRequest, in fabric: String) async throws(C8Error) -> JSON
    /// Running queries (`GET /_api/query/current`).
    func runningQueries(in fabric: String) async throws(C8Error) -> [JSON]
    func killQuery(_ id: String, in fabric: String) async throws(C8Error)

    // MARK: Saved queries (RESTQL)

    func savedQueries(in fabric: String) async throws(C8Error) -> [JSON]
    /// Creates or replaces a saved query.
    func saveQuery(name: String, text: String, parameters: JSON, in fabric: String) async throws(C8Error)
    func deleteSavedQuery(_ name: String, in fabric: String) async throws(C8Error)
    func runSavedQuery(_ name: String, bindVariables: JSON, batchSize: Int, in fabric: String) async throws(C8Error) -> CursorPage

    // MARK: Graphs

    func graphs(in fabric: String) async throws(C8Error) -> [JSON]
    /// Creates a named graph from `{name, edgeDefinitions, orphanCollections}`.
    func createGraph(_ definition: JSON, in fabric: String) async throws(C8Error) -> JSON

    // MARK: Streams

    /// Streams of the fabric, global and local, with collection streams.
    func streams(in fabric: String) async throws(C8Error) -> [StreamSummary]
    /// Creates stream `name` (global unless `local`); returns its summary.
    func createStream(_ name: String, local: Bool, in fabric: String) async throws(C8Error) -> StreamSummary
    /// Deletes a stream by topic; `force` disconnects its clients.
    func deleteStream(_ topic: String, force: Bool, in fabric: String) async throws(C8Error)
    /// Pulsar's topic stats (`msgRateIn`, `msgRateOut`, `subscriptions`, …).
    func streamStats(_ topic: String, in fabric: String) async throws(C8Error) -> JSON
    func streamSubscriptions(_ topic: String, in fabric: String) async throws(C8Error) -> [String]
    /// Opens a producer; one per stream and client is the usual use.
    func openPublisher(on topic: String, in fabric: String) async throws(C8Error) -> any StreamPublisher
    /// Starts a live tail (a reader, or a consumer of a subscription).
    func tail(_ topic: String, in fabric: String, options: StreamTailOptions) async throws(C8Error) -> any StreamTail
    /// Evaluates the C8QL expression `expression` over `msg` for each
    /// payload (`FOR msg IN @batch RETURN (expression) ? true : false`):
    /// one verdict per payload, in order. The console's `:filter` runs one
    /// call per batch of tailed messages. Throws the parser's error (1501)
    /// for a bad expression.
    func filterMessages(_ expression: String, payloads: [JSON], in fabric: String) async throws(C8Error) -> [Bool]

    // MARK: Regions

    /// The region this connection talks to: what the status bar shows.
    var region: String { get }

    /// Talks to another region from now on — embedded: that region's
    /// engine; remote: that region's host (`api-<region>.<domain>`).
    /// Throws 404 (102024) for a region the federation does not have.
    func useRegion(_ name: String) async throws(C8Error)

    /// The federation: regions, nodes, links, lag (`GET /_api/simulator`;
    /// admin only on a server).
    func simulatorStatus() async throws(C8Error) -> SimulatorStatus

    /// Partitions, heals, takes regions and nodes down and up, sets latency.
    func simulate(_ action: SimulatorAction) async throws(C8Error)

    /// Releases the connection (the embedded engine flushes and unlocks).
    func close()
}
