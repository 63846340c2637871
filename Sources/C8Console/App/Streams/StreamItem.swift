import C8Client
import C8Core

/// A stream as the Streams list shows it: its summary, the latest stats,
/// and the rate history the sparklines draw.
public struct StreamItem: ListViewItem, Sendable {
    public var summary: StreamSummary
    /// Pulsar's topic stats from the last poll (null until the first).
    public var stats: JSON = .null
    public var rateIn = RateHistory()
    public var rateOut = RateHistory()

    public init(summary: StreamSummary) {
        self.summary = summary
    }

    public var id: String { summary.topic }
    public var columns: [String] { [summary.name, scope] }

    /// `global`, `local`, or `coll` for a collection's change stream.
    public var scope: String {
        summary.isCollectionStream ? "coll" : summary.isLocal ? "local" : "global"
    }

    /// Messages not yet acknowledged, over every subscription.
    public var backlog: Int {
        subscriptions.reduce(0) { $0 + $1.backlog }
    }

    public var subscriptions: [SubscriptionRow] {
        SubscriptionRow.rows(from: stats)
    }

    /// The item after a poll: new stats, one more sample of each rate.
    public func polled(_ stats: JSON) -> StreamItem {
        var item = self
        item.stats = stats
        item.rateIn.append(stats["msgRateIn"].doubleValue ?? 0)
        item.rateOut.append(stats["msgRateOut"].doubleValue ?? 0)
        return item
    }
}

/// One subscription of a stream, from its stats.
public struct SubscriptionRow: Sendable, Equatable {
    public var name: String
    public var type: String
    public var backlog: Int
    public var consumers: [String]
    public var rateOut: Double

    /// The `subscriptions` object of Pulsar's topic stats, by name.
    static func rows(from stats: JSON) -> [SubscriptionRow] {
        guard case .object(let subscriptions) = stats["subscriptions"] else { return [] }
        return subscriptions.members.map { member in
            let value = member.value
            let consumers = (value["consumers"].arrayValue ?? []).map { consumer in
                consumer["consumerName"].stringValue ?? consumer["address"].stringValue ?? "?"
            }
            return SubscriptionRow(name: member.key, type: value["type"].stringValue ?? "",
                                   backlog: Int(value["msgBacklog"].intValue ?? 0), consumers: consumers,
                                   rateOut: value["msgRateOut"].doubleValue ?? 0)
        }.sorted { $0.name < $1.name }
    }
}
