/// Where a scrolled window starts so that one item is inside it.
///
/// The window moves as little as possible — the cursor drags the view along
/// instead of re-centring it, which is what users of editors and lists
/// expect — and never leaves blank rows below the last item.
enum ScrollFollow {
    /// The offset closest to `current` that shows `target` among `visible`
    /// slots; `count` (when known) keeps the window from running past the end.
    static func offset(_ current: Int, keeping target: Int, visible: Int, count: Int? = nil) -> Int {
        guard visible > 0 else { return max(0, target) }
        var offset = current
        if target < offset { offset = target }
        if target >= offset + visible { offset = target - visible + 1 }
        if let count { offset = min(offset, count - visible) }
        return max(0, offset)
    }
}
