/// Bounded undo and redo stacks of whole states.
///
/// Whole snapshots (not diffs) keep undo trivially correct; the bound keeps
/// memory flat in a long editing session. A new record clears redo, as in
/// every editor.
struct UndoHistory<State> {
    let limit: Int
    private(set) var undoStack: [State] = []
    private(set) var redoStack: [State] = []

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    var canUndo: Bool { !undoStack.isEmpty }
    var canRedo: Bool { !redoStack.isEmpty }

    /// Remembers `state` (the state before an edit) as the next undo step.
    mutating func record(_ state: State) {
        undoStack.append(state)
        if undoStack.count > limit { undoStack.removeFirst(undoStack.count - limit) }
        redoStack.removeAll()
    }

    /// The state to go back to, remembering `current` for redo.
    mutating func undo(from current: State) -> State? {
        guard let previous = undoStack.popLast() else { return nil }
        redoStack.append(current)
        return previous
    }

    /// The state to go forward to, remembering `current` for undo.
    mutating func redo(from current: State) -> State? {
        guard let next = redoStack.popLast() else { return nil }
        undoStack.append(current)
        return next
    }
}

extension UndoHistory: Sendable where State: Sendable {}
