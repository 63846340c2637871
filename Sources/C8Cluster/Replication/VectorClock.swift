/// How many changes of each region a region has applied — its own
/// included: the dependency record of causal replication. Entry `i` counts
/// region `i`'s changes, which every region applies in their order.
public struct VectorClock: Sendable, Hashable, CustomStringConvertible {
    public private(set) var counts: [UInt64]

    public init(regions: Int) {
        counts = Array(repeating: 0, count: regions)
    }

    public subscript(region: Int) -> UInt64 {
        get { counts[region] }
        set { counts[region] = newValue }
    }

    /// Whether everything `other` counts is counted here too.
    public func covers(_ other: VectorClock) -> Bool {
        zip(counts, other.counts).allSatisfy { $0 >= $1 }
    }

    public var description: String { "[" + counts.map(String.init).joined(separator: ",") + "]" }
}
