import C8Cluster
import C8Core
import C8Engine
import C8Query
import C8Streams
import Dispatch
import Synchronization

/// A ``C8Connection`` to the platform in this process: the console's
/// default. It holds the whole federation and talks to one region at a
/// time (``useRegion(_:)`` switches), as a remote connection talks to one
/// region's host.
///
/// Engine calls block, so they run on a dispatch queue and never on the
/// caller's thread (the console's UI loop stays responsive). The
/// connection owns the federation and closes it.
public final class EmbeddedConnection: C8Connection {
    public let federation: Federation
    public let endpoint: String
    private let regionEndpoints: [RegionEndpoint]
    private let bound: Atomic<Int>
    private let queue = DispatchQueue(label: "c8.embedded-connection", qos: .userInitiated, attributes: .concurrent)

    /// What the connection keeps for each region: its query engine and
    /// stream service.
    private final class RegionEndpoint: Sendable {
        let region: Region
        let queries: QueryEngine
        /// Opened with the connection, not on first use: the service is
        /// what publishes a `hasStream` collection's changes, and a change
        /// committed while it is closed is never published, so a later
        /// tail would miss it.
        let streams: Mutex<StreamService?>

        /// Whether the connection opened the stream service (and closes it);
        /// the federation closes its own.
        let ownsStreams: Bool

        init(region: Region, streams: StreamService?) {
            self.region = region
            queries = QueryEngine(engine: region.engine)
            ownsStreams = streams == nil
            // A failure to open is reported by the first stream call, which retries.
            self.streams = Mutex(streams ?? (try? StreamService(engine: region.engine)))
        }
    }

    /// - Parameter streams: stream services something else in the process
    ///   (a server) already opened, by region name; an engine has one.
    public init(federation: Federation, endpoint: String, streams: [String: StreamService] = [:]) {
        self.federation = federation
        self.endpoint = endpoint
        regionEndpoints = federation.regions.map { RegionEndpoint(region: $0, streams: streams[$0.name] ?? federation.streams(of: $0)) }
        bound = Atomic(0)
    }

    /// One engine as a federation of one region (named like the default
    /// local region): for commands and tests that hold a bare engine.
    public convenience init(engine: Engine, endpoint: String, streams: StreamService? = nil) {
        let name = FederationConfiguration.defaultRegionNames[0]
        // Wrapping reads nothing from storage and one region has nothing to
        // validate: it cannot fail.
        let federation = try! Federation.wrapping(engine, name: name)
        self.init(federation: federation, endpoint: endpoint, streams: streams.map { [name: $0] } ?? [:])
    }

    /// The engine of the region the connection talks to.
    public var engine: Engine { regionEndpoints[bound.load(ordering: .relaxed)].region.engine }

    /// The query engine of the region the connection talks to.
    public var queries: QueryEngine { regionEndpoints[bound.load(ordering: .relaxed)].queries }

    /// The stream service of the region the connection talks to, opened now
    /// if opening it with the connection failed.
    public func streamsService() throws(C8Error) -> StreamService {
        let endpoint = regionEndpoints[bound.load(ordering: .relaxed)]
        return try endpoint.streams.withLock { service throws(C8Error) -> StreamService in
            if let service { return service }
            let opened = try StreamService(engine: endpoint.region.engine)
            service = opened
            return opened
        }
    }

    /// Opens the durable federation in `directory`: the regions
    /// `regionNames` lists, or those the directory holds (the default three
    /// on a first start). The local region is the directory itself.
    public static func open(
        directory: String, regionNames: [String]? = nil, limits: EngineLimits = EngineLimits()
    ) throws(C8Error) -> EmbeddedConnection {
        EmbeddedConnection(federation: try Federation.open(directory: directory, regionNames: regionNames, limits: limits),
                           endpoint: directory)
    }

    /// An ephemeral federation in memory.
    public static func inMemory(configuration: FederationConfiguration = FederationConfiguration()) throws(C8Error) -> EmbeddedConnection {
        EmbeddedConnection(federation: try Federation.inMemory(configuration: configuration), endpoint: "memory")
    }

    public func close() {
        for endpoint in regionEndpoints where endpoint.ownsStreams { endpoint.streams.withLock { $0?.close() } }
        federation.close()
    }

    // MARK: Regions

    public var region: String { regionEndpoints[bound.load(ordering: .relaxed)].region.name }

    public func useRegion(_ name: String) async throws(C8Error) {
        let index = try federation.region(name).index
        bound.store(index, ordering: .relaxed)
    }

    public func simulatorStatus() async throws(C8Error) -> SimulatorStatus {
        SimulatorStatus(json: federation.status().json)
    }

    public func simulate(_ action: SimulatorAction) async throws(C8Error) {
        switch action {
        case .partition(let a, let b): try federation.partition(a, b)
        case .heal(let pair): try federation.heal(pair?.0, pair?.1)
        case .regionDown(let name): try federation.setRegion(name, up: false)
        case .regionUp(let name): try federation.setRegion(name, up: true)
        case .nodeDown(let region, let node): try federation.setNode(node, of: region, up: false)
        case .nodeUp(let region, let node): try federation.setNode(node, of: region, up: true)
        case .latency(let a, let b, let milliseconds): try federation.setLatency(a, b, milliseconds: milliseconds)
        }
    }

    /// Runs blocking engine work off the caller's thread.
    /// A region the simulator took down serves no one, as a server's does not.
    func work<T: Sendable>(_ body: @escaping @Sendable () throws(C8Error) -> T) async throws(C8Error) -> T {
        let region = regionEndpoints[bound.load(ordering: .relaxed)].region
        guard federation.isUp(region) else {
            throw C8Error(.httpServiceUnavailable, "region \(region.name) is down", httpStatus: 503)
        }
        let result: Result<T, C8Error> = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Result { () throws(C8Error) -> T in try body() }) }
        }
        return try result.get()
    }

    private func fabric(_ name: String) throws(C8Error) -> Fabric {
        try engine.defaultTenant.fabric(name)
    }

    private func collection(_ name: String, _ fabric: String) throws(C8Error) -> DocumentCollection {
        try self.fabric(fabric).collection(name)
    }

    /// The collection to write to: here, or for a spot collection its copy
    /// in the fabric's spot region (once that region has what this one had).
    private func writable(_ name: String, _ fabric: String) throws(C8Error) -> DocumentCollection {
        let local = try collection(name, fabric)
        guard local.properties.isSpot else { return local }
        let origin = regionEndpoints[bound.load(ordering: .relaxed)].region
        let spot = try federation.spotRegion(tenant: engine.defaultTenantName, fabric: fabric, from: origin)
        return try spot.engine.defaultTenant.fabric(fabric).collection(name)
    }

    // MARK: Fabrics

    public func fabrics() async throws(C8Error) -> [FabricInfo] {
        try await work { [engine] () throws(C8Error) in
            engine.defaultTenant.fabrics().map { f in
                FabricInfo(name: f.name, isSystem: f.isSystem, regions: f.options.dcList, spotRegion: f.options.spotDc)
            }
        }
    }

    public func createFabric(_ name: String, options: JSON) async throws(C8Error) {
        try await work { [engine] () throws(C8Error) in
            let dcList = options["dcList"].stringValue.map { $0.split(separator: ",").map(String.init) } ?? []
            // No spotDc at all is pyC8's "automatic": the first spot-capable
            // region of the fabric; "" is "none".
            let spot = options["spotDc"].stringValue ?? self.federation.defaultSpotRegion(dcList: dcList)
            try engine.defaultTenant.createFabric(
                name, options: FabricOptions(dcList: dcList, spotDc: spot, metadata: options["metadata"].isNull ? [:] : options["metadata"]))
        }
    }

    public func dropFabric(_ name: String) async throws(C8Error) {
        try await work { [engine] () throws(C8Error) in try engine.defaultTenant.dropFabric(name) }
    }

    // MARK: Collections

    public func collections(in fabric: String) async throws(C8Error) -> [CollectionInfo] {
        try await work { () throws(C8Error) in
            try self.fabric(fabric).collections().map { c in
                var info = CollectionInfo(json: c.properties.json())
                info.count = c.count
                return info
            }
        }
    }

    public func createCollection(_ name: String, in fabric: String, options: JSON) async throws(C8Error) -> CollectionInfo {
        try await work { () throws(C8Error) in
            let collection = try self.fabric(fabric).createCollection(name, options: try CollectionOptions(json: options.isNull ? [:] : options))
            var info = CollectionInfo(json: collection.properties.json())
            info.count = 0
            return info
        }
    }

    public func dropCollection(_ name: String, in fabric: String) async throws(C8Error) {
        try await work { () throws(C8Error) in try self.fabric(fabric).dropCollection(name) }
    }

    public func truncateCollection(_ name: String, in fabric: String) async throws(C8Error) {
        try await work { () throws(C8Error) in try self.collection(name, fabric).truncate() }
    }

    public func figures(of collection: String, in fabric: String) async throws(C8Error) -> JSON {
        try await work { () throws(C8Error) in try self.collection(collection, fabric).figures() }
    }

    // MARK: Indexes

    public func indexes(of collection: String, in fabric: String) async throws(C8Error) -> [JSON] {
        try await work { () throws(C8Error) in
            let c = try self.collection(collection, fabric)
            return c.indexDefinitions.map { $0.json(collection: c.name) }
        }
    }

    public func createIndex(on collection: String, in fabric: String, definition: JSON) async throws(C8Error) -> JSON {
        try await work { () throws(C8Error) in
            let c = try self.collection(collection, fabric)
            let (created, isNew) = try c.createIndex(definition)
            var json = created.json(collection: c.name).objectValue ?? JSONObject()
            json["isNewlyCreated"] = .bool(isNew)
            return .object(json)
        }
    }

    public func dropIndex(_ id: String, on collection: String, in fabric: String) async throws(C8Error) {
        try await work { () throws(C8Error) in try self.collection(collection, fabric).dropIndex(id) }
    }

    // MARK: Documents

    public func document(_ key: String, in collection: String, fabric: String) async throws(C8Error) -> JSON? {
        try await work { () throws(C8Error) in try self.collection(collection, fabric).document(key) }
    }

    public func documents(in collection: String, fabric: String, after key: String?, limit: Int, descending: Bool) async throws(C8Error) -> [JSON] {
        try await work { () throws(C8Error) in
            let c = try self.collection(collection, fabric)
            let bound = key.map { (key: $0, inclusive: false) }
            let scanner = descending ? c.scan(from: nil, to: bound, reverse: true) : c.scan(from: bound, to: nil)
            var page: [JSON] = []
            while page.count < limit, let document = try scanner.next() { page.append(document) }
            return page
        }
    }

    public func insertDocument(_ document: JSON, into collection: String, fabric: String) async throws(C8Error) -> JSON {
        try await work { () throws(C8Error) in try self.writable(collection, fabric).insert(document).json }
    }

    public func replaceDocument(_ key: String, with document: JSON, in collection: String, fabric: String, rev: String?) async throws(C8Error) -> JSON {
        try await work { () throws(C8Error) in
            var options = WriteOptions()
            options.ifMatch = rev
            return try self.writable(collection, fabric).replace(DocumentSelector(key: key), with: document, options: options).json
        }
    }

    public func updateDocument(_ key: String, with patch: JSON, in collection: String, fabric: String) async throws(C8Error) -> JSON {
        try await work { () throws(C8Error) in try self.writable(collection, fabric).update(DocumentSelector(key: key), with: patch).json }
    }

    public func removeDocument(_ key: String, from collection: String, fabric: String) async throws(C8Error) {
        try await work { () throws(C8Error) in _ = try self.writable(collection, fabric).remove(DocumentSelector(key: key)) }
    }

    public func insertDocuments(_ documents: [JSON], into collection: String, fabric: String) async throws(C8Error) -> [Result<JSON, C8Error>] {
        try await work { () throws(C8Error) in
            try self.writable(collection, fabric).insert(many: documents).map { $0.map(\.json) }
        }
    }

    public func removeDocuments(_ keys: [String], from collection: String, fabric: String) async throws(C8Error) -> [C8Error?] {
        try await work { () throws(C8Error) in
            try self.writable(collection, fabric).remove(many: keys.map { JSON.string($0) }).map { result in
                if case .failure(let error) = result { return error }
                return nil
            }
        }
    }

    // MARK: Queries

    /// Runs in the connection's region; a query that writes a spot
    /// collection elsewhere than its spot region is refused there before it
    /// changes anything (1496) and runs in the spot region instead. Cursor
    /// ids name the region that holds the cursor (`eu-west/3`), so the
    /// next page comes from there whichever region the connection talks
    /// to by then.
    public func query(_ request: QueryRequest, in fabric: String) async throws(C8Error) -> CursorPage {
        try request.checkReadOnly()
        let started = RunHandle()
        let result: Result<CursorPage, C8Error> = await withTaskCancellationHandler {
            do throws(C8Error) {
                return .success(try await work { () throws(C8Error) in
                    let here = self.regionEndpoints[self.bound.load(ordering: .relaxed)]
                    do throws(C8Error) {
                        return try self.run(request, in: fabric, at: here, started: started)
                    } catch where error.errorNum == ErrorCode.notLeader.rawValue {
                        let spot = try self.federation.spotRegion(tenant: here.region.engine.defaultTenantName, fabric: fabric,
                                                                  from: here.region)
                        return try self.run(request, in: fabric, at: self.regionEndpoints[spot.index], started: started)
                    }
                })
            } catch {
                return .failure(error)
            }
        } onCancel: {
            if let id = started.id { try? started.queries?.kill(id) }
        }
        return try result.get()
    }

    private func run(_ request: QueryRequest, in fabric: String, at endpoint: RegionEndpoint, started: RunHandle) throws(C8Error) -> CursorPage {
        let queries = endpoint.queries
        started.queries = queries
        let run = try queries.execute(
            request.query, bindVariables: request.bindVariables.objectValue ?? JSONObject(),
            fabric: try endpoint.region.engine.defaultTenant.fabric(fabric), options: QueryOptions(json: ["options": request.options]))
        started.id = run.id
        let opened = try queries.cursors.open(run, batchSize: request.batchSize, count: request.count)
        return Self.naming(CursorPage(json: opened.body), region: endpoint.region.name)
    }

    public func nextPage(of cursor: String, in fabric: String) async throws(C8Error) -> CursorPage {
        try await work { () throws(C8Error) in
            let (endpoint, id) = try self.cursorHolder(cursor)
            return Self.naming(CursorPage(json: try endpoint.queries.cursors.next(id)), region: endpoint.region.name)
        }
    }

    public func closeCursor(_ cursor: String, in fabric: String) async throws(C8Error) {
        try await work { () throws(C8Error) in
            let (endpoint, id) = try self.cursorHolder(cursor)
            try endpoint.queries.cursors.delete(id)
        }
    }

    /// A page whose cursor id names the region holding the cursor.
    private static func naming(_ page: CursorPage, region: String) -> CursorPage {
        var page = page
        page.cursorId = page.cursorId.map { region + "/" + $0 }
        return page
    }

    /// The region endpoint and engine-local id of a cursor id from ``naming(_:region:)``
    /// (a bare id is the connection's current region's).
    private func cursorHolder(_ cursor: String) throws(C8Error) -> (RegionEndpoint, String) {
        guard let slash = cursor.firstIndex(of: "/") else { return (regionEndpoints[bound.load(ordering: .relaxed)], cursor) }
        let region = try federation.region(String(cursor[..<slash]))
        return (regionEndpoints[region.index], String(cursor[cursor.index(after: slash)...]))
    }

    public func explain(_ request: QueryRequest, in fabric: String) async throws(C8Error) -> JSON {
        try await work { () throws(C8Error) in
            try self.queries.explain(request.query, bindVariables: request.bindVariables.objectValue ?? JSONObject(), fabric: try self.fabric(fabric))
        }
    }

    public func runningQueries(in fabric: String) async throws(C8Error) -> [JSON] {
        try await work { () throws(C8Error) in self.queries.runningQueries().filter { $0.fabric == fabric }.map(\.json) }
    }

    public func killQuery(_ id: String, in fabric: String) async throws(C8Error) {
        try await work { () throws(C8Error) in try self.queries.kill(id) }
    }

    // MARK: Saved queries

    private func saved(_ fabric: String) throws(C8Error) -> SavedQueries {
        SavedQueries(fabric: try self.fabric(fabric), engine: queries)
    }

    public func savedQueries(in fabric: String) async throws(C8Error) -> [JSON] {
        try await work { () throws(C8Error) in
            let f = try self.fabric(fabric)
            return try self.saved(fabric).list().map { $0.json(fabric: f, user: "root") }
        }
    }

    public func saveQuery(name: String, text: String, parameters: JSON, in fabric: String) async throws(C8Error) {
        try await work { () throws(C8Error) in
            let saved = try self.saved(fabric)
            let body: JSON = ["query": ["name": .string(name), "value": .string(text), "parameter": parameters.isNull ? [:] : parameters]]
            if (try? saved.get(name)) != nil { try saved.update(name, body) } else { try saved.create(body) }
        }
    }

    public func deleteSavedQuery(_ name: String, in fabric: String) async throws(C8Error) {
        try await work { () throws(C8Error) in try self.saved(fabric).delete(name) }
    }

    public func runSavedQuery(_ name: String, bindVariables: JSON, batchSize: Int, in fabric: String) async throws(C8Error) -> CursorPage {
        try await work { () throws(C8Error) in
            let page = CursorPage(json: try self.saved(fabric).execute(name, bindVariables: bindVariables.objectValue ?? JSONObject(), batchSize: batchSize))
            return Self.naming(page, region: self.region)
        }
    }

    // MARK: Graphs

    public func graphs(in fabric: String) async throws(C8Error) -> [JSON] {
        try await work { () throws(C8Error) in try self.fabric(fabric).graphs.graphs().map(\.json) }
    }

    public func createGraph(_ definition: JSON, in fabric: String) async throws(C8Error) -> JSON {
        try await work { () throws(C8Error) in try self.fabric(fabric).graphs.create(try GraphDefinition(json: definition)).json }
    }
}

/// Holds a started query's id for cancellation.
private final class RunHandle: @unchecked Sendable {
    // @unchecked: written once by the worker before any cancel can read it; a
    // race only means a cancel arriving that early does not kill.
    var id: String?
    /// The query engine that runs it (the spot region's, when forwarded).
    var queries: QueryEngine?
}
