extension ScreenBuffer {
    /// Draws `runs` left to right from (x, y) within `width` columns, after
    /// skipping the first `skipColumns` columns of their combined text
    /// (horizontal scrolling). When text is left over past the right edge,
    /// the last column shows `overflow` (a muted `…`), so a cut value never
    /// passes for a complete one. Returns the columns drawn.
    @discardableResult
    public mutating func draw(_ runs: [StyledRun], x: Int, y: Int, width: Int,
                              skipColumns: Int = 0, overflow: StyledRun? = nil) -> Int {
        guard width > 0 else { return 0 }
        var skip = max(0, skipColumns)
        var column = 0
        var cut = false
        for run in runs {
            let runWidth = TextColumns.width(of: run.text)
            if skip >= runWidth {
                skip -= runWidth
                continue
            }
            let shown = runWidth - skip
            if column >= width {
                cut = true
                break
            }
            write(run.text, x: x + column, y: y, style: run.style, maxWidth: width - column, skipColumns: skip)
            if shown > width - column { cut = true }
            column = min(width, column + shown)
            skip = 0
        }
        if cut, let overflow { putOverflow(overflow, x: x + width - 1, y: y) }
        return column
    }

    /// Puts a one-column marker at (x, y), blanking the left half of a wide
    /// character whose right half it covers so no half glyph is left.
    private mutating func putOverflow(_ marker: StyledRun, x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0, y < height, let character = marker.text.first else { return }
        if self[x, y].isContinuation, x > 0 {
            self[x - 1, y] = Cell(" ", style: self[x - 1, y].style)
        }
        self[x, y] = Cell(character, style: marker.style)
    }
}
