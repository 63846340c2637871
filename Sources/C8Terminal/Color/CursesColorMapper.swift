import C8Console

/// Turns a ``TerminalColor`` into the colour number ncurses is given for
/// this terminal.
///
/// Pure (no ncurses calls) so the mapping rules are unit-tested: the
/// terminal's colour count and whether `use_default_colors` worked are
/// passed in. Styles reach it already adapted to the colour depth; the
/// fallbacks here only keep a stray colour from being sent to a terminal
/// that lacks it.
struct CursesColorMapper: Equatable, Sendable {
    /// ncurses' number for "the terminal's own colour".
    static let defaultColor: Int32 = -1

    /// `COLORS` after `start_color`.
    let colorCount: Int
    /// Whether `use_default_colors()` succeeded, so -1 may be used.
    let hasDefaultColors: Bool

    func foreground(_ color: TerminalColor) -> Int32 {
        // Without default colours the best guess is the classic white on black.
        number(color, default: 7)
    }

    func background(_ color: TerminalColor) -> Int32 {
        number(color, default: 0)
    }

    private func number(_ color: TerminalColor, default fallback: Int32) -> Int32 {
        switch color {
        case .default:
            return hasDefaultColors ? Self.defaultColor : fallback
        case .ansi16(let named):
            return Int32(colorCount >= 16 ? named.rawValue : named.rawValue % 8)
        case .palette256(let index):
            return paletteNumber(index)
        }
    }

    /// The palette index itself, or the nearest of the colours the terminal
    /// has.
    private func paletteNumber(_ index: UInt8) -> Int32 {
        if Int(index) < colorCount { return Int32(index) }
        let target = XTermPalette.rgb(ofIndex: index)
        let candidates = 0..<UInt8(min(max(colorCount, 1), 16))
        let nearest = candidates.min {
            XTermPalette.rgb(ofIndex: $0).distanceSquared(to: target)
                < XTermPalette.rgb(ofIndex: $1).distanceSquared(to: target)
        }
        return Int32(nearest ?? 0)
    }
}
