/// One of the sixteen colours every colour terminal defines itself.
///
/// These are the colours users re-tint in their terminal settings, so a theme
/// written with them follows the user's palette (that is why the 256-colour
/// mapping of `#rrggbb` never picks them: their real RGB is unknown).
public enum ANSIColor: UInt8, CaseIterable, Sendable {
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow
    case brightBlue, brightMagenta, brightCyan, brightWhite

    /// The name used in theme files: `red`, `bright-red`, ...
    public var name: String {
        let base = ANSIColor.baseNames[Int(rawValue) % 8]
        return isBright ? "bright-" + base : base
    }

    /// Whether this is one of the upper eight (SGR 90–97) colours.
    public var isBright: Bool { rawValue >= 8 }

    /// The colour as xterm draws it by default; only an estimate of what the
    /// user's terminal shows, good enough to choose a nearest colour.
    public var rgb: RGBColor { XTermPalette.rgb(ofIndex: rawValue) }

    /// Looks a colour up by its theme-file name.
    public init?(name: String) {
        guard let color = ANSIColor.byName[name] else { return nil }
        self = color
    }

    private static let baseNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    ]

    private static let byName: [String: ANSIColor] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.name, $0) })
}
