/// A piece of text drawn in one style.
///
/// Every widget turns what it shows into runs and hands them to
/// `ScreenBuffer.draw(_:x:y:width:skipColumns:overflow:)`, so syntax colours,
/// key/value colouring and filter-match marks all share one clipping and
/// horizontal-scrolling path instead of each widget counting columns itself.
public struct StyledRun: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style) {
        self.text = text
        self.style = style
    }

    /// Splits `line` into runs: characters covered by a span take the style
    /// of its role, the rest `base`. Spans are sorted by start; a span
    /// overlapping an earlier one only colours what the earlier one left.
    public static func runs(of line: String, spans: [HighlightSpan], base: Style,
                            style: (ThemeRole) -> Style) -> [StyledRun] {
        guard !spans.isEmpty else { return line.isEmpty ? [] : [StyledRun(line, base)] }
        var runs: [StyledRun] = []
        var pending = ""
        var pendingStyle = base
        var spanIndex = 0
        for (offset, character) in line.enumerated() {
            while spanIndex < spans.count, spans[spanIndex].range.upperBound <= offset { spanIndex += 1 }
            let covering = spanIndex < spans.count && spans[spanIndex].range.contains(offset)
            let characterStyle = covering ? style(spans[spanIndex].role) : base
            if characterStyle != pendingStyle {
                if !pending.isEmpty { runs.append(StyledRun(pending, pendingStyle)) }
                pending = ""
                pendingStyle = characterStyle
            }
            pending.append(character)
        }
        if !pending.isEmpty { runs.append(StyledRun(pending, pendingStyle)) }
        return runs
    }
}
