/// The selected row of a scrolling list and the first row shown.
///
/// Shared by every list-like widget (JSON lines, table rows, list items,
/// completions) so they all move, page and scroll the same way.
public struct SelectionCursor: Hashable, Sendable {
    /// The selected row; 0 in an empty list.
    public private(set) var selected = 0
    /// The first row shown when the list was last moved.
    public private(set) var top = 0

    public init() {}

    /// Applies `move` in a list of `count` rows of which `visible` are shown.
    public mutating func apply(_ move: SelectionMove, count: Int, visible: Int) {
        let page = max(1, visible - 1)
        let half = max(1, visible / 2)
        switch move {
        case .up: select(selected - 1, count: count, visible: visible)
        case .down: select(selected + 1, count: count, visible: visible)
        case .first: select(0, count: count, visible: visible)
        case .last: select(count - 1, count: count, visible: visible)
        case .pageUp, .halfPageUp, .pageDown, .halfPageDown:
            let distance = (move == .pageUp || move == .pageDown) ? page : half
            let step = (move == .pageUp || move == .halfPageUp) ? -distance : distance
            // The view moves with the selection, as in less and vim.
            top = max(0, min(top + step, count - visible))
            select(selected + step, count: count, visible: visible)
        }
    }

    /// Selects row `index` (clamped) and scrolls it into view.
    public mutating func select(_ index: Int, count: Int, visible: Int) {
        selected = max(0, min(index, count - 1))
        top = firstVisible(rows: visible, count: count)
    }

    /// Clamps after the list changed size, keeping the selection in view.
    public mutating func clamp(count: Int, visible: Int) {
        select(selected, count: count, visible: visible)
    }

    /// The first row to draw in `rows` rows: `top`, dragged along so the
    /// selection stays in view whatever size the list is drawn at.
    public func firstVisible(rows: Int, count: Int) -> Int {
        ScrollFollow.offset(top, keeping: selected, visible: rows, count: count)
    }
}
