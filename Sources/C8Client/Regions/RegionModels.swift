import C8Core

/// The federation as the simulator API reports it (`GET /_api/simulator`):
/// what the console's Regions pane shows.
public struct SimulatorStatus: Sendable, Equatable {
    public var regions: [RegionInfo]

    public init(regions: [RegionInfo]) {
        self.regions = regions
    }

    public init(json: JSON) {
        regions = json["regions"].arrayValue?.map(RegionInfo.init(json:)) ?? []
    }

    public func region(_ name: String) -> RegionInfo? { regions.first { $0.name == name } }
}

/// One region: up or down, its storage nodes, its links to the others.
public struct RegionInfo: Sendable, Equatable {
    public var name: String
    public var up: Bool
    public var spotCapable: Bool
    public var nodes: [RegionNodeInfo]
    public var links: [RegionLinkInfo]
    public var conflictsResolved: Int
    /// Replicated changes the region could not apply, and the last reason.
    public var applyFailures: Int
    public var lastFailure: String?

    public init(name: String, up: Bool = true, spotCapable: Bool = false, nodes: [RegionNodeInfo] = [],
                links: [RegionLinkInfo] = [], conflictsResolved: Int = 0, applyFailures: Int = 0, lastFailure: String? = nil) {
        self.name = name
        self.up = up
        self.spotCapable = spotCapable
        self.nodes = nodes
        self.links = links
        self.conflictsResolved = conflictsResolved
        self.applyFailures = applyFailures
        self.lastFailure = lastFailure
    }

    public init(json: JSON) {
        name = json["name"].stringValue ?? ""
        up = json["up"].boolValue ?? false
        spotCapable = json["spotCapable"].boolValue ?? false
        nodes = json["nodes"].arrayValue?.map(RegionNodeInfo.init(json:)) ?? []
        links = json["links"].arrayValue?.map(RegionLinkInfo.init(json:)) ?? []
        conflictsResolved = json["conflictsResolved"].intValue.map(Int.init) ?? 0
        applyFailures = json["applyFailures"].intValue.map(Int.init) ?? 0
        lastFailure = json["lastFailure"].stringValue
    }

    public func link(to region: String) -> RegionLinkInfo? { links.first { $0.to == region } }
}

/// A storage node of a region and the shards it leads.
public struct RegionNodeInfo: Sendable, Equatable {
    public var id: String
    public var up: Bool
    public var shardsLed: Int

    public init(id: String, up: Bool = true, shardsLed: Int = 0) {
        self.id = id
        self.up = up
        self.shardsLed = shardsLed
    }

    public init(json: JSON) {
        id = json["id"].stringValue ?? ""
        up = json["up"].boolValue ?? false
        shardsLed = json["shardsLed"].intValue.map(Int.init) ?? 0
    }
}

/// The link from a region to another: latency, whether it is cut, and how
/// far behind replication over it is.
public struct RegionLinkInfo: Sendable, Equatable {
    public var to: String
    public var latencyMs: Double
    public var partitioned: Bool
    public var lagMs: Double
    public var pendingOps: Int

    public init(to: String, latencyMs: Double, partitioned: Bool = false, lagMs: Double = 0, pendingOps: Int = 0) {
        self.to = to
        self.latencyMs = latencyMs
        self.partitioned = partitioned
        self.lagMs = lagMs
        self.pendingOps = pendingOps
    }

    public init(json: JSON) {
        to = json["to"].stringValue ?? ""
        latencyMs = json["latencyMs"].doubleValue ?? 0
        partitioned = json["partitioned"].boolValue ?? false
        lagMs = json["lagMs"].doubleValue ?? 0
        pendingOps = json["pendingOps"].intValue.map(Int.init) ?? 0
    }
}

/// What the simulator can be told to do (admin only on a server).
public enum SimulatorAction: Sendable, Equatable {
    /// Cuts the link between two regions, both ways.
    case partition(String, String)
    /// Heals one link, or all when nil.
    case heal((String, String)?)
    case regionDown(String)
    case regionUp(String)
    case nodeDown(region: String, node: String)
    case nodeUp(region: String, node: String)
    /// Sets the one-way latency between two regions.
    case latency(String, String, milliseconds: Double)

    public static func == (lhs: SimulatorAction, rhs: SimulatorAction) -> Bool {
        lhs.request.path == rhs.request.path && lhs.request.body == rhs.request.body && lhs.request.method == rhs.request.method
    }

    /// The simulator API call that does it: method, path under `/_api`, body.
    public var request: (method: String, path: String, body: JSON) {
        switch self {
        case .partition(let a, let b): ("POST", "/simulator/partition", ["a": .string(a), "b": .string(b)])
        case .heal(let pair?): ("POST", "/simulator/heal", ["a": .string(pair.0), "b": .string(pair.1)])
        case .heal(nil): ("POST", "/simulator/heal", .object(JSONObject()))
        case .regionDown(let r): ("POST", "/simulator/region/\(r)/down", .object(JSONObject()))
        case .regionUp(let r): ("POST", "/simulator/region/\(r)/up", .object(JSONObject()))
        case .nodeDown(let r, let n): ("POST", "/simulator/node/\(r)/\(n)/down", .object(JSONObject()))
        case .nodeUp(let r, let n): ("POST", "/simulator/node/\(r)/\(n)/up", .object(JSONObject()))
        case .latency(let a, let b, let ms): ("PUT", "/simulator/latency", ["a": .string(a), "b": .string(b), "ms": .double(ms)])
        }
    }
}
