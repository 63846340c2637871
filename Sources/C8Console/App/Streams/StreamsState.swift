import C8Client
import C8Core

/// The Streams pane: the fabric's streams with their rates (polled every
/// second while the pane is shown), and the views stacked on it: a live
/// tail of one stream, and a stream's subscriptions.
public struct StreamsState: Sendable {
    /// The pane is in the main area (instead of Documents and Query): it
    /// stays there while focus visits Fabrics or Collections.
    public var shown = false
    public var list = ListView<StreamItem>()
    /// A poll chain is running. Each poll asks for the next one second
    /// later while the pane is shown; a new generation (fabric switch,
    /// refresh) retires the old chain.
    public var polling = false
    public var pollGeneration = 0
    /// The list was loaded at least once (until then it says "loading…").
    public var loaded = false
    public var tail: StreamTailState?
    /// The stream whose subscriptions are shown (over the list or the tail).
    public var subscriptionsOf: String?
    public var subscriptionCursor = SelectionCursor()
    /// Messages a tail keeps (`stream-buffer` in the config, `:buffer N`).
    public var bufferLimit = StreamsState.defaultBufferLimit
    public var clock = TailClock()
    /// The id the next tail gets.
    public var nextTailID = 1

    public static let defaultBufferLimit = 10_000
    /// Seconds between stats polls.
    public static let pollInterval = 1.0
    /// Seconds a tail gathers messages before handing them over: one
    /// reducer pass and at most one filter call per batch, not per message.
    public static let batchInterval = 0.1

    public init() {}

    public var streams: [StreamSummary] { list.items.map(\.summary) }

    /// What users call a stream: `ticks` for `c8globals.ticks`.
    public static func name(of topic: String) -> String {
        StreamSummary(topic: topic, isLocal: false).name
    }

    public func item(_ topic: String) -> StreamItem? {
        list.items.first { $0.summary.topic == topic }
    }

    /// The stream `name` names: a topic, or a stream's own name.
    public func topic(named name: String) -> String? {
        (list.items.first { $0.summary.topic == name } ?? list.items.first { $0.summary.name == name })?.summary.topic
    }
}

/// A stream and its latest stats, as one poll reads them.
public struct StreamSnapshot: Sendable {
    public var summary: StreamSummary
    /// Null when the stats could not be read (the stream went meanwhile).
    public var stats: JSON

    public init(summary: StreamSummary, stats: JSON) {
        self.summary = summary
        self.stats = stats
    }
}
