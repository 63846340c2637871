/// What a `ListView` needs from an item: its texts and an optional badge.
///
/// `Identifiable` so the selection stays on the same item when the filter
/// or the items change (a refresh must not move the user's place).
public protocol ListViewItem: Identifiable {
    /// The texts of the item's columns, left to right. The first is the
    /// name, drawn in the normal text colour; the rest are muted. The filter
    /// matches any of them.
    var columns: [String] { get }
    /// A short tag drawn at the right edge (collection type, status).
    var badge: ListBadge? { get }
}

extension ListViewItem {
    public var badge: ListBadge? { nil }
}

/// A tag at a list row's right edge, in its own colour.
public struct ListBadge: Hashable, Sendable {
    public var text: String
    public var role: ThemeRole

    public init(_ text: String, role: ThemeRole) {
        self.text = text
        self.role = role
    }
}
