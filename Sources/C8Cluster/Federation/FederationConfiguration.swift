import C8Core
import C8Engine

/// What a federation is made of: its regions, the links between them, and
/// the seed of everything random in it.
public struct FederationConfiguration: Sendable {
    /// Region names, in order: the first is the local region (where a
    /// connection goes unless it names another); the order also gives each
    /// region its clock site, so keep it stable across restarts.
    public var regionNames: [String]
    /// Jitter of every link, added to the latency per change.
    public var jitterMs: Double
    /// Seeds the jitter (and any other randomness) of the federation.
    public var seed: UInt64
    /// One-way latency between two regions (both directions alike).
    public var latencyMs: @Sendable (String, String) -> Double
    /// Storage nodes in each region (every shard on two of them). A lone
    /// region has none: its engine writes its store directly, for speed.
    public var nodesPerRegion: Int

    /// The storage nodes each region gets: none for a lone region.
    var effectiveNodesPerRegion: Int { regionNames.count > 1 ? nodesPerRegion : 0 }

    public static let defaultRegionNames = ["us-east", "eu-west", "ap-south"]

    public init(
        regionNames: [String] = Self.defaultRegionNames, jitterMs: Double = 0, seed: UInt64 = 1,
        latencyMs: @escaping @Sendable (String, String) -> Double = LinkProfile.geographicLatencyMs,
        nodesPerRegion: Int = NodeStorage.defaultNodeCount
    ) {
        self.nodesPerRegion = nodesPerRegion
        self.regionNames = regionNames
        self.jitterMs = jitterMs
        self.seed = seed
        self.latencyMs = latencyMs
    }

    /// - Throws: 400 for no region, a repeated or bad name, or more regions
    ///   than clock sites.
    public func validate() throws(C8Error) {
        guard !regionNames.isEmpty else { throw C8Error(.badParameter, "a federation needs at least one region") }
        guard regionNames.count <= 1 << ClockSite.federationBits else {
            throw C8Error(.badParameter, "a federation has at most \(1 << ClockSite.federationBits) regions")
        }
        guard Set(regionNames).count == regionNames.count else {
            throw C8Error(.badParameter, "region names must be distinct: \(regionNames.joined(separator: ","))")
        }
        for name in regionNames {
            let valid = !name.isEmpty && name.utf8.count <= 64
                && name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
            guard valid else {
                throw C8Error(.badParameter, "region name '\(name)' must be 1 to 64 of a-z, 0-9 and '-'")
            }
        }
    }
}
