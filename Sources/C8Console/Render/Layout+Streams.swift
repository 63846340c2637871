/// Where the Streams pane and its tail go.
extension Layout {
    /// The Streams pane takes the main area: Documents and Query together.
    public var streams: Rect { mainArea }

    /// A tail's parts inside the pane: the column header, the message
    /// list, a rule naming the selected message, and its payload — the
    /// detail only where there is room for it.
    public func tailParts() -> (header: Rect, list: Rect, rule: Rect, detail: Rect) {
        let inside = streams.inset(by: 1)
        let (header, rest) = inside.splitTop(1)
        let detailHeight = rest.height >= 13 ? rest.height * 2 / 5 : 0
        let (list, below) = rest.splitTop(rest.height - detailHeight)
        guard detailHeight > 0 else { return (header, list, Rect(x: list.x, y: list.maxY, width: 0, height: 0), below) }
        let (rule, detail) = below.splitTop(1)
        return (header, list, rule, detail)
    }

    /// Rows of messages a tail shows at once (moves page by it).
    public var tailRows: Int { max(1, tailParts().list.height) }
}
