import C8Console
import CNCurses

/// Carries out ``FramePlanner``'s plans with ncurses: only the cells that
/// changed are written, then the screen is refreshed once.
final class CursesRenderer {
    private var planner: FramePlanner
    private var cursorShown = false
    /// The terminal's contents are unknown (after a resize): repaint it all.
    private var screenIsStale = false

    init(depth: ColorDepth, mapper: CursesColorMapper?, pairCount: Int) {
        planner = FramePlanner(depth: depth, mapper: mapper, pairCount: pairCount, width: Self.columns)
    }

    /// Forgets what is on screen: the next frame is drawn in full, and
    /// ncurses repaints the physical screen too.
    func invalidate() {
        planner.invalidate()
        screenIsStale = true
    }

    func draw(_ buffer: ScreenBuffer, screen: (width: Int, height: Int)) {
        let frame = planner.plan(buffer, screen: screen)
        let window = c8_stdscr()
        if frame.erasesWindow { werase(window) }
        if screenIsStale {
            clearok(window, true)
            screenIsStale = false
        }
        for definition in frame.pairDefinitions {
            init_extended_pair(definition.pair, definition.colors.foreground, definition.colors.background)
        }
        for write in frame.writes { put(write) }
        placeCursor(frame.cursor)
        wrefresh(window)
    }

    /// One `mvadd_wch`, which never scrolls: in the bottom-right corner it
    /// stores the character and returns ERR (the cursor cannot advance past
    /// it), and ncurses paints that corner without scrolling.
    private func put(_ write: FramePlanner.Write) {
        var text = write.scalars.map { wchar_t(bitPattern: $0.value) } + [0]
        var pair = write.pair
        var cell = cchar_t()
        // The pair goes through `opts` (an int*), which allows pairs above 32767.
        setcchar(&cell, &text, Self.cursesAttributes(write.attributes), 0, &pair)
        mvadd_wch(Int32(write.y), Int32(write.x), &cell)
    }

    static func cursesAttributes(_ attributes: TextAttributes) -> attr_t {
        var result = c8_A_NORMAL()
        if attributes.contains(.bold) { result |= c8_A_BOLD() }
        if attributes.contains(.dim) { result |= c8_A_DIM() }
        if attributes.contains(.italic) { result |= c8_A_ITALIC() }
        if attributes.contains(.underline) { result |= c8_A_UNDERLINE() }
        if attributes.contains(.reverse) { result |= c8_A_REVERSE() }
        return result
    }

    /// ncurses' own measure of a scalar (the locale's `wcwidth`), which is
    /// what decides how far it advances.
    private static func columns(_ scalar: Unicode.Scalar) -> Int {
        Int(c8_wcwidth(wchar_t(bitPattern: scalar.value)))
    }

    private func placeCursor(_ cursor: (x: Int, y: Int)?) {
        if let cursor {
            if !cursorShown { curs_set(1) }
            cursorShown = true
            wmove(c8_stdscr(), Int32(cursor.y), Int32(cursor.x))
        } else if cursorShown {
            curs_set(0)
            cursorShown = false
        }
    }
}
