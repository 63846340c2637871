import C8Core
import Foundation

/// The Documents pane: a window of documents of one collection, paged in
/// from the connection as the selection moves (a huge collection opens at
/// once and never loads more than a screen plus a page), and the views
/// stacked on it: one document's JSON, an editor, the indexes.
public struct DocumentsState: Sendable {
    public var collection: String?
    /// The loaded window, in `_key` order.
    public var rows: [JSON] = []
    public var cursor = SelectionCursor()
    /// The `/` filter: rows whose JSON contains it (ignoring case).
    public var filter = ""
    /// More documents exist after the last / before the first loaded row.
    public var hasMoreAfter = false
    public var hasMoreBefore = false
    public var loading = false
    /// Why the last page did not load: the pane shows it where the rows
    /// would be, so an unreachable region is not mistaken for "no documents".
    public var loadError: String?
    /// Columns scrolled off to the left in the preview column.
    public var horizontalOffset = 0
    public var total: Int?
    public var mode: Mode = .list

    public enum Mode: Sendable {
        case list
        /// One document as folded, coloured JSON.
        case view(JSONView)
        /// Editing a document's JSON: the key being replaced (nil: new).
        case edit(TextEditor, key: String?, rev: String?)
        case indexes([JSON], SelectionCursor)
    }

    public init() {}

    /// Rows shown after the `/` filter (which matches keys and content).
    public var visibleRows: [JSON] {
        guard !filter.isEmpty else { return rows }
        return rows.filter(matchesFilter)
    }

    func matchesFilter(_ document: JSON) -> Bool {
        filter.isEmpty || document.jsonString().range(of: filter, options: .caseInsensitive) != nil
    }

    /// The visible row nearest to `rows[row]`: itself, or the next match.
    func visibleIndex(nearRow row: Int) -> Int {
        rows.prefix(max(0, row)).filter(matchesFilter).count
    }

    /// Every document of the collection is in `rows`.
    public var isComplete: Bool { !hasMoreBefore && !hasMoreAfter }

    /// A filter on a collection this small loads it whole, so it searches
    /// every document (as k9s filters its whole list); a bigger one searches
    /// the loaded window and the title says so.
    public static let filterLoadLimit = 5_000

    public var filterLoadsAll: Bool { !filter.isEmpty && (total ?? .max) <= Self.filterLoadLimit }

    /// The most rows the window keeps.
    public var windowCapacity: Int { filterLoadsAll ? Self.filterLoadLimit : Self.windowLimit }

    /// How far the filter's matches reach, for the title: of the whole
    /// collection, or only of the rows loaded.
    public var filterScope: String? {
        guard !filter.isEmpty else { return nil }
        let matches = visibleRows.count
        if isComplete { return "\(matches) of \(rows.count)" }
        if loading && filterLoadsAll { return "\(matches) so far, loading…" }
        return "\(matches) of the \(rows.count) loaded"
    }

    public var selectedDocument: JSON? {
        let list = visibleRows
        return list.indices.contains(cursor.selected) ? list[cursor.selected] : nil
    }

    public var isEditing: Bool {
        if case .edit = mode { return true }
        return false
    }

    /// How many rows a page holds: the visible list plus one page more is
    /// the most ever kept.
    public static let pageSize = 100
    public static let windowLimit = 300
}
