import C8Console

/// Decides what one frame writes: which cells changed since the last frame,
/// what glyph each gets, which colour pair draws it, and which pairs must
/// be (re)defined first. Pure, so the diffing and pair bookkeeping are
/// unit-tested; ``CursesRenderer`` carries the plan out with ncurses.
struct FramePlanner {
    /// One `mvadd_wch`.
    struct Write: Equatable, Sendable {
        var x: Int
        var y: Int
        var scalars: [Unicode.Scalar]
        var attributes: TextAttributes
        var pair: Int32
    }

    /// An `init_extended_pair` call.
    struct PairDefinition: Equatable, Sendable {
        var pair: Int32
        var colors: ColorPairRegistry.Key
    }

    /// Everything a frame asks of ncurses, in order.
    struct Frame: Sendable {
        /// Blank the whole window first (a different size: every cell is
        /// rewritten and cells outside the buffer must not keep old text).
        var erasesWindow = false
        /// `init_extended_pair` calls, before any write uses them.
        var pairDefinitions: [PairDefinition] = []
        var writes: [Write] = []
        /// Where to show the cursor; nil hides it.
        var cursor: (x: Int, y: Int)?
    }

    private let depth: ColorDepth
    private let mapper: CursesColorMapper?
    /// ncurses' width of a scalar (`wcwidth`), injected for tests.
    private let width: (Unicode.Scalar) -> Int
    private var pairs: ColorPairRegistry
    private var renditions: [Style: CellRendition] = [:]
    /// The last frame planned; nil forces a full redraw.
    private var previous: ScreenBuffer?
    /// The pair each cell of `previous` was drawn with (0 for continuation
    /// cells and blanks in the default colours), so overwritten cells give
    /// their pair back.
    private var pairOnScreen: [Int32] = []

    init(depth: ColorDepth, mapper: CursesColorMapper?, pairCount: Int, width: @escaping (Unicode.Scalar) -> Int) {
        self.depth = depth
        self.mapper = mapper
        self.width = width
        pairs = ColorPairRegistry(pairCount: pairCount)
    }

    /// Forgets the last frame: the next one rewrites every cell.
    mutating func invalidate() {
        previous = nil
    }

    /// The writes that turn the screen from the last frame into `buffer`,
    /// clipped to the screen's current size.
    mutating func plan(_ buffer: ScreenBuffer, screen: (width: Int, height: Int)) -> Frame {
        var frame = Frame()
        if previous?.width != buffer.width || previous?.height != buffer.height {
            frame.erasesWindow = true
            pairs.releaseAll()
            pairOnScreen = Array(repeating: 0, count: buffer.width * buffer.height)
        }
        let changes = buffer.changes(since: previous).filter { $0.y < screen.height && $0.x < screen.width }
        // Free every overwritten cell's pair before taking new ones, so a
        // pair leaving the screen can be reused within the same frame.
        for change in changes {
            for offset in visibleOffsets(of: change, screenWidth: screen.width) {
                let index = change.y * buffer.width + change.x + offset
                pairs.release(pairOnScreen[index])
                pairOnScreen[index] = 0
            }
        }
        for change in changes {
            for offset in visibleOffsets(of: change, screenWidth: screen.width) where !change.cells[offset].isContinuation {
                write(change.cells[offset], x: change.x + offset, y: change.y, of: buffer, screenWidth: screen.width, into: &frame)
            }
        }
        if let cursor = buffer.cursor, cursor.x >= 0, cursor.x < screen.width, cursor.y >= 0, cursor.y < screen.height {
            frame.cursor = cursor
        }
        previous = buffer
        return frame
    }

    private func visibleOffsets(of change: ScreenBuffer.Change, screenWidth: Int) -> Range<Int> {
        0..<max(0, min(change.cells.count, screenWidth - change.x))
    }

    private mutating func write(_ cell: Cell, x: Int, y: Int, of buffer: ScreenBuffer, screenWidth: Int, into frame: inout Frame) {
        let columns = x + 1 < buffer.width && buffer[x + 1, y].isContinuation ? 2 : 1
        let glyph = GlyphPlan(cell: cell, columns: columns, roomLeft: screenWidth - x, width: width)
        let rendition = rendition(of: cell.style)
        let resolution = pairs.acquire(rendition.colors)
        if case .define(let pair) = resolution {
            frame.pairDefinitions.append(PairDefinition(pair: pair, colors: rendition.colors))
        }
        pairOnScreen[y * buffer.width + x] = resolution.pair
        frame.writes.append(Write(x: x, y: y, scalars: glyph.scalars, attributes: rendition.attributes, pair: resolution.pair))
        if glyph.padsSecondColumn {
            frame.writes.append(Write(x: x + 1, y: y, scalars: [" "], attributes: rendition.attributes, pair: resolution.pair))
        }
    }

    private mutating func rendition(of style: Style) -> CellRendition {
        if let known = renditions[style] { return known }
        let rendition = CellRendition(style, depth: depth, mapper: mapper)
        renditions[style] = rendition
        return rendition
    }
}
