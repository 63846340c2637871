import C8Core
import C8Query

/// A fabric as lists show it.
public struct FabricInfo: Sendable, Equatable {
    public var name: String
    public var isSystem: Bool
    public var regions: [String]
    public var spotRegion: String

    public init(name: String, isSystem: Bool, regions: [String] = [], spotRegion: String = "") {
        self.name = name
        self.isSystem = isSystem
        self.regions = regions
        self.spotRegion = spotRegion
    }

    /// From an item of `GET /_api/database/user`.
    public init(json: JSON) {
        name = json["name"].stringValue ?? ""
        isSystem = json["isSystem"].boolValue ?? (name == "_system")
        let dcList = json["options"]["dcList"]
        regions = dcList.stringValue.map { $0.split(separator: ",").map(String.init) } ?? dcList.arrayValue?.compactMap(\.stringValue) ?? []
        spotRegion = json["options"]["spotDc"].stringValue ?? ""
    }
}

/// A collection as lists show it.
public struct CollectionInfo: Sendable, Equatable {
    public enum Kind: String, Sendable { case document, edge, keyValue = "kv" }

    public var name: String
    public var kind: Kind
    public var count: Int?
    public var isSystem: Bool
    public var isSpot: Bool
    public var isLocal: Bool
    public var hasStream: Bool
    public var waitForSync: Bool

    public init(name: String, kind: Kind, count: Int? = nil, isSystem: Bool = false, isSpot: Bool = false,
                isLocal: Bool = false, hasStream: Bool = false, waitForSync: Bool = false) {
        self.name = name
        self.kind = kind
        self.count = count
        self.isSystem = isSystem
        self.isSpot = isSpot
        self.isLocal = isLocal
        self.hasStream = hasStream
        self.waitForSync = waitForSync
    }

    /// From an item of `GET /_api/collection` (plus `count` when known).
    public init(json: JSON) {
        name = json["name"].stringValue ?? ""
        if json["collectionModel"] == "KV" {
            kind = .keyValue
        } else {
            kind = json["type"].intValue == 3 ? .edge : .document
        }
        count = json["count"].intValue.map { Int($0) }
        isSystem = json["isSystem"].boolValue ?? name.hasPrefix("_")
        isSpot = json["isSpot"].boolValue ?? json["strongConsistency"].boolValue ?? false
        isLocal = json["isLocal"].boolValue ?? false
        hasStream = json["hasStream"].boolValue ?? false
        waitForSync = json["waitForSync"].boolValue ?? false
    }
}

/// What `POST /_api/cursor` sends.
public struct QueryRequest: Sendable {
    public var query: String
    public var bindVariables: JSON
    public var batchSize: Int
    public var count: Bool
    /// `{fullCount, failOnWarning, maxRuntime, …}`
    public var options: JSON
    /// Refuse the query, before it runs, if it writes anywhere (a
    /// read-only console). Checked on this side, so it holds against any
    /// server.
    public var readOnly: Bool

    public init(query: String, bindVariables: JSON = [:], batchSize: Int = 100, count: Bool = false, options: JSON = [:],
                readOnly: Bool = false) {
        self.query = query
        self.bindVariables = bindVariables
        self.batchSize = batchSize
        self.count = count
        self.options = options
        self.readOnly = readOnly
    }

    /// - Throws: the parser's error for a query that does not parse, and
    ///   400 (errorNum 10) for one that writes while ``readOnly`` is set.
    public func checkReadOnly() throws(C8Error) {
        guard readOnly else { return }
        if try QueryParser.parse(query).modifiesData {
            throw C8Error(.badParameter, "read-only: this query modifies data")
        }
    }

    /// The request body.
    public var json: JSON {
        var object = JSONObject()
        object["query"] = .string(query)
        object["bindVars"] = bindVariables.isNull ? [:] : bindVariables
        object["batchSize"] = .int(Int64(batchSize))
        object["count"] = .bool(count)
        object["options"] = options.isNull ? [:] : options
        return .object(object)
    }
}

/// One batch of a cursor: results, whether more follow, and the cursor's
/// statistics and warnings so far.
public struct CursorPage: Sendable {
    public var results: [JSON]
    public var hasMore: Bool
    public var cursorId: String?
    public var count: Int?
    public var statistics: JSON
    public var warnings: [JSON]

    public init(results: [JSON], hasMore: Bool, cursorId: String?, count: Int? = nil, statistics: JSON = [:], warnings: [JSON] = []) {
        self.results = results
        self.hasMore = hasMore
        self.cursorId = cursorId
        self.count = count
        self.statistics = statistics
        self.warnings = warnings
    }

    /// From a cursor response body.
    public init(json: JSON) {
        results = json["result"].arrayValue ?? []
        hasMore = json["hasMore"].boolValue ?? false
        cursorId = json["id"].stringValue
        count = json["count"].intValue.map { Int($0) }
        statistics = json["extra"]["stats"]
        warnings = json["extra"]["warnings"].arrayValue ?? []
    }
}
