/// What the console shows: a grid of styled cells that `render` fills and a
/// terminal backend draws. Pure data — tests compare it to golden text.
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the text cursor should be shown (an editor's caret), if anywhere.
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int, fill: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(" ", style: fill), count: self.width * self.height)
    }

    public static func == (a: ScreenBuffer, b: ScreenBuffer) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Paints every cell of `rect` (clipped to the screen) blank in `style`.
    public mutating func fill(_ rect: Rect, style: Style, character: Character = " ") {
        let clipped = clip(rect)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { self[x, y] = Cell(character, style: style) }
        }
    }

    /// Writes `text` at (x, y), clipped to `maxWidth` columns (and to the
    /// screen), skipping the first `skipColumns` columns of the text
    /// (horizontal scrolling). A wide character that would be cut in half
    /// becomes a space. Returns the columns written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style, maxWidth: Int? = nil, skipColumns: Int = 0) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? width - x, width - x)
        var column = 0
        var skipped = 0
        for character in text {
            var w = CharacterWidth.of(character)
            if character == "\t" { w = 1 }
            if w == 0 {
                continue
            }
            if skipped < skipColumns {
                skipped += w
                if skipped > skipColumns {
                    // The right half of a wide character sticks out past the skip: a space.
                    if x + column >= 0 && column < limit { self[x + column, y] = Cell(" ", style: style) }
                    column += 1
                }
                continue
            }
            guard column + w <= limit else {
                if column < limit, x + column >= 0 { self[x + column, y] = Cell(" ", style: style) }
                column = limit
                break
            }
            let shown: Character = character == "\t" || character.isNewline ? " " : character
            if x + column >= 0 { self[x + column, y] = Cell(shown, style: style) }
            if w == 2, x + column + 1 >= 0 { self[x + column + 1, y] = Cell(" ", style: style, isContinuation: true) }
            column += w
        }
        return column
    }

    /// Draws a box border around `rect` with light line characters.
    public mutating func box(_ rect: Rect, style: Style) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let r = rect
        for x in (r.x + 1)..<(r.maxX - 1) {
            put("─", x: x, y: r.y, style: style)
            put("─", x: x, y: r.maxY - 1, style: style)
        }
        for y in (r.y + 1)..<(r.maxY - 1) {
            put("│", x: r.x, y: y, style: style)
            put("│", x: r.maxX - 1, y: y, style: style)
        }
        put("┌", x: r.x, y: r.y, style: style)
        put("┐", x: r.maxX - 1, y: r.y, style: style)
        put("└", x: r.x, y: r.maxY - 1, style: style)
        put("┘", x: r.maxX - 1, y: r.maxY - 1, style: style)
    }

    /// Sets one cell if it is on screen.
    public mutating func put(_ character: Character, x: Int, y: Int, style: Style) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        self[x, y] = Cell(character, style: style)
    }

    /// Changes the style of the cells of `rect`, keeping their characters
    /// (selection highlights).
    public mutating func restyle(_ rect: Rect, _ change: (Style) -> Style) {
        let clipped = clip(rect)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { self[x, y].style = change(self[x, y].style) }
        }
    }

    public func clip(_ rect: Rect) -> Rect {
        let x0 = max(0, rect.x)
        let y0 = max(0, rect.y)
        let x1 = min(width, rect.maxX)
        let y1 = min(height, rect.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    // MARK: - For tests and backends

    /// The characters of row `y`, wide characters once.
    public func text(row y: Int) -> String {
        var line = ""
        for x in 0..<width where !self[x, y].isContinuation { line.append(self[x, y].character) }
        return line
    }

    /// The whole screen as text, one line per row, trailing spaces removed.
    public var text: String {
        (0..<height).map { row in
            var line = text(row: row)
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// One letter per cell naming its style: styles get letters in order of
    /// first appearance (`.` for the first, the background). Golden files
    /// compare this to catch colour regressions without depending on escape
    /// codes.
    public var styleMask: String {
        let letters = Array(".abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var names: [Style: Character] = [:]
        var lines: [String] = []
        for y in 0..<height {
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation {
                let style = self[x, y].style
                if names[style] == nil { names[style] = letters[min(names.count, letters.count - 1)] }
                line.append(names[style]!)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// A run of changed cells on one row, for a backend to redraw.
    public struct Change: Equatable, Sendable {
        public var x: Int
        public var y: Int
        public var cells: [Cell]
    }

    /// The cells that differ from `previous`, as runs per row. A different
    /// size means everything changed.
    public func changes(since previous: ScreenBuffer?) -> [Change] {
        var result: [Change] = []
        let full = previous == nil || previous!.width != width || previous!.height != height
        for y in 0..<height {
            var x = 0
            while x < width {
                let index = y * width + x
                if full || cells[index] != previous!.cells[index] {
                    var end = x + 1
                    while end < width, full || cells[y * width + end] != previous!.cells[y * width + end] { end += 1 }
                    // A changed continuation must redraw the wide character before it.
                    let start = (x > 0 && cells[index].isContinuation) ? x - 1 : x
                    result.append(Change(x: start, y: y, cells: Array(cells[(y * width + start)..<(y * width + end)])))
                    x = end
                } else {
                    x += 1
                }
            }
        }
        return result
    }
}
