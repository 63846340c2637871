/// The last samples of a rate (one a second, from the stats poll), for a
/// sparkline. Short on purpose: the list shows a minute at most.
public struct RateHistory: Sendable, Equatable {
    public static let limit = 60
    public private(set) var samples: [Double] = []

    public init(_ samples: [Double] = []) {
        self.samples = Array(samples.suffix(Self.limit))
    }

    public mutating func append(_ sample: Double) {
        samples.append(sample)
        if samples.count > Self.limit { samples.removeFirst(samples.count - Self.limit) }
    }

    public var latest: Double { samples.last ?? 0 }
}
