/// Drawing the editor: gutter, highlighted text, placeholder and caret.
extension TextEditor {
    /// Draws the editor into `rect`. Scrolling follows the cursor within
    /// `rect` even if `layout(in:)` was given another size, so a stale
    /// layout can never hide the caret. When focused, sets `buffer.cursor`
    /// to the caret's cell.
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, theme: Theme, focused: Bool) {
        guard !rect.isEmpty else { return }
        let base = theme.style(for: .text)
        buffer.fill(rect, style: base)
        let (gutter, textArea) = rect.splitLeft(min(gutterWidth, rect.width))
        let top = ScrollFollow.offset(scrollLine, keeping: cursor.line, visible: rect.height, count: lines.count)
        let left = ScrollFollow.offset(scrollColumn, keeping: caretColumn, visible: textArea.width)
        var state = highlighter?.state(before: top, in: lines) ?? .initial
        for row in 0..<rect.height {
            let index = top + row
            guard index < lines.count else { break }
            let y = rect.y + row
            if !gutter.isEmpty {
                let number = TextColumns.padded(String(index + 1), to: gutter.width - 1, alignRight: true)
                buffer.write(number, x: gutter.x, y: y, style: theme.style(for: index == cursor.line ? .text : .textMuted),
                             maxWidth: gutter.width)
            }
            var spans: [HighlightSpan] = []
            if let highlighter {
                let highlight = highlighter.highlight(lines[index], from: state)
                spans = highlight.spans
                state = highlight.end
            }
            let runs = StyledRun.runs(of: lines[index], spans: spans, base: base, style: theme.style(for:))
            buffer.draw(runs, x: textArea.x, y: y, width: textArea.width, skipColumns: left)
        }
        if isEmpty, let placeholder, textArea.width > 1 {
            buffer.write(placeholder, x: textArea.x + 1, y: rect.y, style: theme.style(for: .inputPlaceholder),
                         maxWidth: textArea.width - 1)
        }
        if focused, !textArea.isEmpty {
            buffer.cursor = (x: textArea.x + caretColumn - left, y: rect.y + cursor.line - top)
        }
    }
}
