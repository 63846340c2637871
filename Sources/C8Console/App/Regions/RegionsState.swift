import C8Client

/// The Regions pane: the federation as the simulator reports it (polled
/// about twice a second while the pane is shown), a short history of each
/// link's lag and pending operations for the sparklines, and the selected
/// row — the region, node or link that `d` and `u` act on.
public struct RegionsState: Sendable {
    /// The pane is in the main area (instead of Documents and Query).
    public var shown = false
    /// A poll chain is running; a new generation retires the old chain.
    public var polling = false
    public var pollGeneration = 0
    /// The last status read; nil until the first reply.
    public private(set) var status: SimulatorStatus?
    /// Lag and pending history per link, oldest sample first.
    public private(set) var histories: [LinkKey: LinkHistory] = [:]
    /// What the pane draws, one entry a line, rebuilt when a status arrives
    /// (never per frame).
    public private(set) var rows: [RegionRow] = []
    public var cursor = SelectionCursor()
    /// Why the last poll failed (no simulator on a server, no admin
    /// rights); cleared by the next good one.
    public var error: String?

    /// Seconds between status polls.
    public static let pollInterval = 0.5

    public init() {}

    /// Takes a poll's status: one more sample for every link, and the rows.
    public mutating func record(_ status: SimulatorStatus) {
        var histories: [LinkKey: LinkHistory] = [:]
        for region in status.regions {
            for link in region.links {
                let key = LinkKey(from: region.name, to: link.to)
                var history = self.histories[key] ?? LinkHistory()
                history.append(link)
                histories[key] = history
            }
        }
        self.status = status
        self.histories = histories
        rows = RegionRow.rows(of: status)
        error = nil
    }

    /// Every region's name, for completing commands (empty before the
    /// first status).
    public var regionNames: [String] { status?.regions.map(\.name) ?? [] }

    public var selectedRow: RegionRow? {
        rows.indices.contains(cursor.selected) ? rows[cursor.selected] : nil
    }

    public func history(from region: String, to other: String) -> LinkHistory {
        histories[LinkKey(from: region, to: other)] ?? LinkHistory()
    }
}

/// A link, one direction: lag from `from` to `to` differs from the way back.
public struct LinkKey: Hashable, Sendable {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

/// The last samples of a link's replication lag and pending operations.
public struct LinkHistory: Sendable, Equatable {
    public var lagMs = RateHistory()
    public var pendingOps = RateHistory()

    public init() {}

    public mutating func append(_ link: RegionLinkInfo) {
        lagMs.append(link.lagMs)
        pendingOps.append(Double(link.pendingOps))
    }
}
