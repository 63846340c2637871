/// The network between two regions as the simulator models it: a one-way
/// latency, optional jitter, and whether the link is cut.
public struct LinkProfile: Sendable, Equatable {
    public var latencyMs: Double
    /// Up to this much extra delay, drawn per change from the federation's
    /// seeded randomness (delivery order is kept: a link is FIFO).
    public var jitterMs: Double
    public var partitioned: Bool

    public init(latencyMs: Double, jitterMs: Double = 0, partitioned: Bool = false) {
        self.latencyMs = latencyMs
        self.jitterMs = jitterMs
        self.partitioned = partitioned
    }

    /// One-way latencies between the default regions, from real geography
    /// (rounded round-trip halves between Virginia, Ireland and Mumbai
    /// data centres); other pairs get ``defaultLatencyMs``.
    public static func geographicLatencyMs(_ a: String, _ b: String) -> Double {
        let pair = Set([a, b])
        if pair == ["us-east", "eu-west"] { return 80 }
        if pair == ["us-east", "ap-south"] { return 200 }
        if pair == ["eu-west", "ap-south"] { return 120 }
        return defaultLatencyMs
    }

    public static let defaultLatencyMs: Double = 100
}
