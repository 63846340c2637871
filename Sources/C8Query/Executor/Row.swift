import C8Core

/// The variables of one row flowing through a plan: one slot per variable
/// of the whole query (subqueries included), numbered by the planner.
public struct Row: Sendable {
    public var slots: [JSON]

    public init(slotCount: Int) {
        slots = Array(repeating: .null, count: slotCount)
    }

    @inlinable
    public subscript(slot: Int) -> JSON {
        get { slots[slot] }
        set { slots[slot] = newValue }
    }
}
