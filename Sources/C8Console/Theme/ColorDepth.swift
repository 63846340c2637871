/// How many colours the terminal can show, which decides how a theme is
/// adapted before drawing.
///
/// Terminals with 16 or 88 colours are treated as 8-colour ones: the sixteen
/// ANSI colours are not guaranteed distinct there, and guessing wrong makes
/// text invisible, while the 8 basic colours are safe everywhere.
public enum ColorDepth: Int, CaseIterable, Sendable {
    /// No colour support (TERM=vt100, or colours turned off): attributes only.
    case monochrome = 0
    /// The 8 basic colours.
    case colors8 = 8
    /// The xterm 256-colour palette.
    case colors256 = 256

    /// The depth for a terminal that reports `count` colours (ncurses
    /// `COLORS`, or `tput colors`); counts below 8 mean monochrome.
    public init(colorCount count: Int) {
        switch count {
        case 256...: self = .colors256
        case 8...: self = .colors8
        default: self = .monochrome
        }
    }
}
