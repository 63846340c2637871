import C8Core
import C8Engine
import Foundation
import Synchronization

/// The state of one query run: where it reads and writes, its warnings and
/// statistics, its limits, and whether it was killed.
final class QueryContext: FunctionEnvironment, @unchecked Sendable {
    // @unchecked: a query runs on one thread at a time; `killed` is atomic.
    let fabric: Fabric
    let options: QueryOptions
    let currentUser: String?
    /// The caller's rights on collections; nil allows everything.
    let access: CollectionAccessCheck?
    /// Collections `access` already allowed (the plan's, checked before
    /// the run) or refused, so each is asked about once.
    private var decided: [String: Bool]
    var statistics = QueryStatistics()
    /// Filled as the query runs when `options.profile` is set.
    var profile = QueryProfile()
    private(set) var warnings: [QueryWarning] = []
    /// Set when a warning must fail the query (`failOnWarning`).
    private(set) var warningFailure: C8Error?
    let killFlag: KillFlag
    /// Slots of the plan's rows (every variable of the query).
    var slotCount = 0
    /// Writes of the query, committed when it finishes (nil: read-only).
    var transaction: WriteTransaction?
    /// The collections resolved so far: a query names a few, and a list
    /// costs less to fill and search than a dictionary (~1,400
    /// instructions of a ~77,000-instruction key lookup).
    private var collections: [(name: String, collection: DocumentCollection)] = []
    /// Bytes held by materializing steps (SORT, COLLECT, DISTINCT), roughly.
    private(set) var memoryUsed = 0

    init(fabric: Fabric, options: QueryOptions, currentUser: String?, killFlag: KillFlag,
         access: CollectionAccessCheck? = nil, authorized: [String] = []) {
        self.fabric = fabric
        self.options = options
        self.currentUser = currentUser
        self.access = access
        decided = Dictionary(authorized.map { ($0, true) }, uniquingKeysWith: { a, _ in a })
        self.killFlag = killFlag
    }

    /// The collection `name`, once the caller's rights allow reading it
    /// (writes were checked before the query started).
    func collection(_ name: String) throws(C8Error) -> DocumentCollection {
        if let cached = collections.first(where: { $0.name == name }) { return cached.collection }
        if let access, decided[name] != true {
            try access(name, .read)
            decided[name] = true
        }
        let collection = try fabric.collection(name)
        collections.append((name, collection))
        return collection
    }

    /// Throws 1500 once the query was killed.
    @inline(__always)
    func checkKilled() throws(C8Error) {
        if killFlag.value.load(ordering: .relaxed) {
            if killFlag.timedOut.load(ordering: .relaxed) {
                throw C8Error(.queryKilled, "query killed: it ran longer than its maxRuntime of \(options.maxRuntime) s")
            }
            throw C8Error(.queryKilled)
        }
    }

    /// Accounts for memory a step holds; throws past the query's limit.
    func reserve(_ bytes: Int) throws(C8Error) {
        memoryUsed += bytes
        statistics.peakMemoryUsage = max(statistics.peakMemoryUsage, memoryUsed)
        if memoryUsed > options.memoryLimit {
            throw C8Error(.resourceLimit, "query would use more than \(options.memoryLimit) bytes of memory (memoryLimit)")
        }
    }

    func release(_ bytes: Int) {
        memoryUsed -= bytes
    }

    // MARK: - FunctionEnvironment

    func warn(_ code: ErrorCode, _ message: String) {
        if options.failOnWarning {
            if warningFailure == nil { warningFailure = C8Error(code, message) }
            return
        }
        if warnings.count < options.maxWarningCount {
            warnings.append(QueryWarning(code: code.rawValue, message: message))
        }
    }

    func document(_ handle: String) throws(C8Error) -> JSON? {
        try document(handle, projection: nil)
    }

    /// The document `handle` names, only the attributes of `projection`
    /// when given (a document the query itself wrote comes whole).
    func document(_ handle: String, projection: DocumentProjection?) throws(C8Error) -> JSON? {
        guard let parts = DocumentHandle.split(handle) else { return nil }
        let name = String(parts.collection)
        let key = String(parts.key)
        // A collection the caller may not read is one that does not exist
        // for it: the document is simply not found.
        guard fabric.hasCollection(name), mayRead(name) else { return nil }
        let collection = try self.collection(name)
        if let transaction, let doc = try? transaction.document(key, in: collection) { return doc }
        return try collection.document(key, projection: projection)
    }

    /// ``document(_:projection:)`` for many handles, in their order: the
    /// documents of each collection read together (one storage batch).
    func documents(_ handles: [String], projection: DocumentProjection?) throws(C8Error) -> [JSON?] {
        // Documents this query wrote come from its transaction, one by one.
        if transaction != nil {
            var results = [JSON?](repeating: nil, count: handles.count)
            for (position, handle) in handles.enumerated() { results[position] = try document(handle, projection: projection) }
            return results
        }
        return try readGrouped(handles, missing: nil) { collection, keys throws(C8Error) in
            try collection.documents(keys, projection: projection)
        }
    }

    /// Whether each handle names a document the query may read: what
    /// ``documents(_:projection:)`` answers non-nil for, without decoding.
    func documentsExist(_ handles: [String]) throws(C8Error) -> [Bool] {
        if transaction != nil { return try documents(handles, projection: DocumentProjection([])).map { $0 != nil } }
        return try readGrouped(handles, missing: false) { collection, keys throws(C8Error) in
            try collection.containsDocuments(keys)
        }
    }

    /// ``documentsExist(_:)`` for the keys of one collection (a caller that
    /// has split its handles already, as a traversal does).
    func documentsExist(in name: String, keys: [String]) throws(C8Error) -> [Bool] {
        if transaction != nil { return try documentsExist(keys.map { name + "/" + $0 }) }
        guard fabric.hasCollection(name), mayRead(name) else { return [Bool](repeating: false, count: keys.count) }
        return try collection(name).containsDocuments(keys)
    }

    /// Reads `handles` with `read`, one call per readable collection with
    /// its keys; `missing` for a handle of no (readable) collection.
    private func readGrouped<Value>(
        _ handles: [String], missing: Value, _ read: (DocumentCollection, [String]) throws(C8Error) -> [Value]
    ) throws(C8Error) -> [Value] {
        var results = [Value](repeating: missing, count: handles.count)
        var byCollection: [Substring: [(position: Int, key: String)]] = [:]
        for (position, handle) in handles.enumerated() {
            guard let parts = DocumentHandle.split(handle) else { continue }
            byCollection[parts.collection, default: []].append((position, String(parts.key)))
        }
        for (name, members) in byCollection {
            let name = String(name)
            guard fabric.hasCollection(name), mayRead(name) else { continue }
            let values = try read(try collection(name), members.map(\.key))
            for (member, value) in zip(members, values) { results[member.position] = value }
        }
        return results
    }

    func collectionCount(_ name: String) throws(C8Error) -> Int {
        try collection(name).count
    }

    func collectionIdentities() -> [(id: String, name: String)] {
        fabric.collections().filter { mayRead($0.name) }.map { (String($0.objectId), $0.name) }
    }

    private func mayRead(_ name: String) -> Bool {
        guard let access else { return true }
        if let known = decided[name] { return known }
        do { try access(name, .read) } catch {
            decided[name] = false
            return false
        }
        decided[name] = true
        return true
    }

    func fulltext(collection name: String, attribute: String, query: String, limit: Int?) throws(C8Error) -> [JSON] {
        let collection = try self.collection(name)
        guard let definition = collection.indexDefinitions.first(where: { $0.type == .fulltext && $0.fields.map(\.description) == [attribute] }),
              let index = collection.indexObject(definition) as? FulltextIndex else {
            throw C8Error(.queryFulltextIndexMissing, detail: "\(name).\(attribute)")
        }
        statistics.scannedIndex += 1
        var documents: [JSON] = []
        for key in try index.search(query, limit: limit, in: collection.storageEngine) {
            if let document = try collection.document(key) { documents.append(document) }
        }
        return documents
    }

    func near(collection name: String, latitude: Double, longitude: Double, limit: Int, distanceAttribute: String?) throws(C8Error) -> [JSON] {
        let (collection, index) = try geoIndex(name)
        let matches = index.near(latitude: latitude, longitude: longitude, limit: limit, in: collection.storageEngine)
        return try documents(matches, collection: collection, distanceAttribute: distanceAttribute)
    }

    func within(collection name: String, latitude: Double, longitude: Double, radius: Double, distanceAttribute: String?) throws(C8Error) -> [JSON] {
        let (collection, index) = try geoIndex(name)
        let matches = index.within(latitude: latitude, longitude: longitude, radiusMeters: radius, in: collection.storageEngine)
        return try documents(matches, collection: collection, distanceAttribute: distanceAttribute)
    }

    private func geoIndex(_ name: String) throws(C8Error) -> (DocumentCollection, GeoIndex) {
        let collection = try self.collection(name)
        guard let definition = collection.indexDefinitions.first(where: { $0.type == .geo }),
              let index = collection.indexObject(definition) as? GeoIndex else {
            throw C8Error(.queryGeoIndexMissing, detail: name)
        }
        return (collection, index)
    }

    private func documents(_ matches: [GeoIndex.Match], collection: DocumentCollection, distanceAttribute: String?) throws(C8Error) -> [JSON] {
        statistics.scannedIndex += matches.count
        var result: [JSON] = []
        for match in matches {
            guard var document = try collection.document(match.key) else { continue }
            if let distanceAttribute, case .object(var object) = document {
                object[distanceAttribute] = .double(match.distance)
                document = .object(object)
            }
            result.append(document)
        }
        return result
    }
}
