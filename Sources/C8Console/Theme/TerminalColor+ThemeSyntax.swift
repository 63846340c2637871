/// Reading and writing colours the way theme files spell them.
extension TerminalColor: CustomStringConvertible {
    /// Parses one colour word: `default`, an ANSI name (`red`, `bright-red`),
    /// `colorN` (0–255) or `#rrggbb`. Nil when the word is none of these.
    public init?(themeToken token: String) {
        if token == "default" {
            self = .default
        } else if let named = ANSIColor(name: token) {
            self = .ansi16(named)
        } else if token.hasPrefix("color"), let index = TerminalColor.paletteNumber(token.dropFirst(5)) {
            self.init(paletteIndex: index)
        } else if let rgb = RGBColor(hex: token) {
            self.init(nearestTo: rgb)
        } else {
            return nil
        }
    }

    /// The theme-file word for this colour; parsing it gives the colour back.
    public var description: String {
        switch self {
        case .default: return "default"
        case .ansi16(let color): return color.name
        case .palette256(let index): return "color\(index)"
        }
    }

    /// Whether a word was probably meant as a colour, so an unknown word can
    /// be reported as a bad colour rather than a bad attribute.
    static func looksLikeColor(_ token: String) -> Bool {
        token.hasPrefix("#") || token.hasPrefix("color") || token.hasPrefix("colour")
            || token.hasPrefix("bright") || token.hasPrefix("light") || token.hasPrefix("dark")
            || token == "grey" || token == "gray" || token == "orange" || token == "purple"
    }

    /// Digits only (no sign, no spaces), 0–255.
    private static func paletteNumber(_ digits: Substring) -> UInt8? {
        guard !digits.isEmpty, digits.count <= 3,
              digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return UInt8(digits)
    }
}
