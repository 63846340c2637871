/// A colour as a terminal can be told to draw it.
///
/// Truecolour is deliberately absent: ncurses colour pairs and many terminals
/// (and tmux setups) stop at 256, so `#rrggbb` is resolved to `.palette256`
/// when a theme is read, and every later stage deals with three cases only.
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own foreground or background (ncurses colour -1), which
    /// keeps transparent and user-tinted backgrounds intact.
    case `default`
    /// One of the sixteen colours the terminal's palette defines.
    case ansi16(ANSIColor)
    /// An entry of the xterm 256-colour palette. Build it with
    /// `TerminalColor(paletteIndex:)` so 0–15 become `.ansi16` and equal
    /// colours compare equal.
    case palette256(UInt8)

    /// The canonical colour for a palette index: 0–15 are the named colours.
    public init(paletteIndex index: UInt8) {
        if let named = ANSIColor(rawValue: index) {
            self = .ansi16(named)
        } else {
            self = .palette256(index)
        }
    }

    /// The nearest entry of the 256-colour cube or grey ramp.
    public init(nearestTo color: RGBColor) {
        self = .palette256(XTermPalette.nearestIndex(to: color))
    }

    /// The palette index a terminal is asked for; nil for `.default`.
    public var paletteIndex: UInt8? {
        switch self {
        case .default: return nil
        case .ansi16(let color): return color.rawValue
        case .palette256(let index): return index
        }
    }

    /// Approximate RGB (xterm's defaults); nil for `.default`, whose colour
    /// only the terminal knows.
    public var rgb: RGBColor? {
        paletteIndex.map(XTermPalette.rgb(ofIndex:))
    }
}
