import C8Core
import C8Engine
import Foundation
import Synchronization

/// C8QL for one region's engine: runs, explains and validates queries,
/// keeps the list of running ones (to show and kill) and their cursors.
public final class QueryEngine: Sendable {
    public let engine: Engine
    public let cursors: CursorStore
    private let running = Mutex<[String: RunningQuery]>([:])
    private let limitStore = Mutex(QueryLimits())

    /// The server-wide bounds applied to every query's options.
    public var limits: QueryLimits {
        get { limitStore.withLock { $0 } }
        set { limitStore.withLock { $0 = newValue } }
    }
    private let nextId = Atomic<Int>(1)
    /// Texts run or explained before, parsed (parsing depends on the text only).
    let parseCache = ParseCache()

    /// A query that is running, as `GET /_api/query/current` lists it.
    public struct RunningQuery: Sendable {
        public var id: String
        public var query: String
        public var fabric: String
        public var started: Date
        let killFlag: KillFlag

        public var json: JSON {
            [
                "id": .string(id), "query": .string(query), "database": .string(fabric),
                "started": .string(ISO8601DateFormatter().string(from: started)),
                "runTime": .double(Date().timeIntervalSince(started)), "state": "executing",
            ]
        }
    }

    public init(engine: Engine, cursorTimeToLive: Double = 30) {
        self.engine = engine
        self.cursors = CursorStore(defaultTimeToLive: cursorTimeToLive)
    }

    /// Parses, plans and starts a query; results come from the returned run.
    /// - Parameters:
    ///   - access: the caller's rights, asked about every collection the
    ///     plan names before anything runs, and about collections reached
    ///     while running; nil allows everything.
    /// - Throws: 1501 parse errors (with line:column), 1540/1541 function
    ///   errors, 1551–1553 bind parameter errors, 1203 unknown collections,
    ///   what `access` refuses, and whatever the query hits while running.
    public func execute(
        _ text: String, bindVariables: JSONObject = JSONObject(), fabric: Fabric,
        options: QueryOptions = QueryOptions(), user: String? = nil, access: CollectionAccessCheck? = nil
    ) throws(C8Error) -> QueryRun {
        let options = limits.applied(to: options)
        let prepared = try PreparedQuery(
            text: text, fabric: fabric, bindVariables: bindVariables, options: options, parseCache: parseCache)
        // Without an access check nothing asks what was authorized: the
        // names are not even listed (~7 % of a point lookup by key).
        let authorized = if let access { try prepared.authorize(access) } else { [String]() }
        let id = String(nextId.wrappingAdd(1, ordering: .relaxed).oldValue)
        let flag = KillFlag()
        let context = QueryContext(
            fabric: fabric, options: options, currentUser: user, killFlag: flag,
            access: access, authorized: authorized)
        running.withLock { $0[id] = RunningQuery(id: id, query: text, fabric: fabric.name, started: Date(), killFlag: flag) }
        if options.maxRuntime > 0 {
            DispatchQueue.global().asyncAfter(deadline: .now() + options.maxRuntime) {
                flag.timedOut.store(true, ordering: .relaxed)
                flag.value.store(true, ordering: .relaxed)
            }
        }
        return try QueryRun(id: id, prepared: prepared, context: context) { [weak self] run in
            self?.running.withLock { _ = $0.removeValue(forKey: run.id) }
        }
    }

    /// Runs a query to the end and returns all its results.
    public func query(
        _ text: String, bindVariables: JSONObject = JSONObject(), fabric: Fabric, options: QueryOptions = QueryOptions(),
        access: CollectionAccessCheck? = nil
    ) throws(C8Error) -> [JSON] {
        try execute(text, bindVariables: bindVariables, fabric: fabric, options: options, access: access).all()
    }

    /// The queries running now.
    public func runningQueries() -> [RunningQuery] {
        running.withLock { Array($0.values) }.sorted { $0.started < $1.started }
    }

    /// Kills a running query: its next step fails with 1500.
    /// - Throws: 1591-style not found when no such query runs.
    public func kill(_ id: String) throws(C8Error) {
        guard let query = running.withLock({ $0[id] }) else {
            throw C8Error(.queryNotFound, detail: "query \(id)")
        }
        query.killFlag.value.store(true, ordering: .relaxed)
    }

    /// The execution plan, as `POST /_api/query/explain` returns it.
    /// With `access`, a plan naming a collection the caller may not touch
    /// is refused as running it would be.
    public func explain(
        _ text: String, bindVariables: JSONObject = JSONObject(), fabric: Fabric, access: CollectionAccessCheck? = nil
    ) throws(C8Error) -> JSON {
        let prepared = try PreparedQuery(
            text: text, fabric: fabric, bindVariables: bindVariables, options: QueryOptions(), parseCache: parseCache)
        if let access { try prepared.authorize(access) }
        return PlanExplainer(prepared: prepared, fabric: fabric).json
    }

    /// Parses without running, as `POST /_api/query` does.
    public func validate(_ text: String) throws(C8Error) -> JSON {
        guard !text.allSatisfy(\.isWhitespace) else { throw C8Error(.queryEmpty) }
        let parsed = try QueryParser.parse(text)
        let bindVariables: [String] = parsed.bindParameters + parsed.collectionBindParameters.map { "@" + $0 }
        var result = JSONObject()
        result["parsed"] = true
        result["collections"] = .array(parsed.collections.map { JSON.string($0) })
        result["bindVars"] = .array(bindVariables.map { JSON.string($0) })
        return .object(result)
    }
}

/// The shared "stop" flag of a running query.
final class KillFlag: Sendable {
    let value = Atomic<Bool>(false)
    /// Set with `value` when `maxRuntime` ran out (not a kill request).
    let timedOut = Atomic<Bool>(false)
}
