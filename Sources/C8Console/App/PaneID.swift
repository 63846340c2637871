/// The panes of the console, in Tab order.
public enum PaneID: String, CaseIterable, Sendable {
    case fabrics, collections, documents, query

    public var title: String {
        switch self {
        case .fabrics: "Fabrics"
        case .collections: "Collections"
        case .documents: "Documents"
        case .query: "Query"
        }
    }

    var next: PaneID {
        let all = PaneID.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    var previous: PaneID {
        let all = PaneID.allCases
        return all[(all.firstIndex(of: self)! + all.count - 1) % all.count]
    }
}
