/// Where a highlighter stands at the end of a line (inside a block comment,
/// an unclosed string, …). Opaque to editors: they only carry it from one
/// line to the next.
public struct HighlightState: Hashable, Sendable {
    public var rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The state at the start of a text.
    public static let initial = HighlightState(rawValue: 0)
}

/// The colours of one line and the state the next line starts in.
public struct LineHighlight: Hashable, Sendable {
    public var spans: [HighlightSpan]
    public var end: HighlightState

    public init(spans: [HighlightSpan], end: HighlightState) {
        self.spans = spans
        self.end = end
    }
}

/// Colours text one line at a time, given where the previous line left off.
///
/// Line-at-a-time with carried state is what lets multi-line constructs
/// (block comments, strings with newlines) colour correctly while an editor
/// only draws the lines on screen — the same model editors use for
/// incremental highlighting.
public protocol LineHighlighter: Sendable {
    func highlight(_ line: String, from state: HighlightState) -> LineHighlight
}

extension LineHighlighter {
    /// The spans of every line of a text, in order.
    public func highlight(lines: [String]) -> [[HighlightSpan]] {
        var state = HighlightState.initial
        return lines.map { line in
            let result = highlight(line, from: state)
            state = result.end
            return result.spans
        }
    }

    /// The state line `index` starts in: only states are carried, spans of
    /// earlier lines are thrown away.
    public func state(before index: Int, in lines: [String]) -> HighlightState {
        var state = HighlightState.initial
        for line in lines.prefix(index) { state = highlight(line, from: state).end }
        return state
    }
}
