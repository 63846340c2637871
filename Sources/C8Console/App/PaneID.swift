/// The panes of the console, in Tab order.
public enum PaneID: String, CaseIterable, Sendable {
    case fabrics, collections, documents, query, streams, regions

    public var title: String {
        switch self {
        case .fabrics: "Fabrics"
        case .collections: "Collections"
        case .documents: "Documents"
        case .query: "Query"
        case .streams: "Streams"
        case .regions: "Regions"
        }
    }

    /// The pane's list has a column header under its border (rows start
    /// one lower; a page is one row shorter).
    var hasHeaderRow: Bool {
        self == .documents || self == .streams || self == .regions
    }

    /// The pane after this one among `panes` (the ones on screen: tab
    /// never jumps to a pane that is not shown).
    func next(in panes: [PaneID]) -> PaneID {
        guard let index = panes.firstIndex(of: self) else { return panes.first ?? self }
        return panes[(index + 1) % panes.count]
    }

    func previous(in panes: [PaneID]) -> PaneID {
        guard let index = panes.firstIndex(of: self) else { return panes.last ?? self }
        return panes[(index + panes.count - 1) % panes.count]
    }
}
