/// A style as a theme file writes it, before inheritance is resolved.
///
/// Colours may be omitted: they are then taken from the theme's `text` role,
/// so a theme repaints its whole canvas by changing one line. Keeping `nil`
/// until resolution is what lets a child theme that changes `text` recolour
/// every role it inherits.
public struct StyleSpec: Hashable, Sendable {
    public var foreground: TerminalColor?
    public var background: TerminalColor?
    public var attributes: TextAttributes

    public init(foreground: TerminalColor? = nil, background: TerminalColor? = nil,
                attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The concrete style, filling omitted colours from `text`'s.
    func resolved(foreground baseForeground: TerminalColor, background baseBackground: TerminalColor) -> Style {
        Style(foreground: foreground ?? baseForeground, background: background ?? baseBackground,
              attributes: attributes)
    }
}

extension StyleSpec {
    /// Parses a value: `[FG] [on BG] [ATTRIBUTE ...]`, words in any order,
    /// case-insensitive.
    ///
    /// - Throws: the problem with the first word that does not fit, so the
    ///   message can name it.
    init(parsing value: String) throws(ThemeError.Problem) {
        self.init()
        let words = value.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
        var index = 0
        while index < words.count {
            let word = words[index]
            if word == "on" {
                index += 1
                guard index < words.count else { throw .missingBackground }
                guard let color = TerminalColor(themeToken: words[index]) else { throw .badColor(words[index]) }
                guard background == nil else { throw .secondBackground(words[index]) }
                background = color
            } else if let attribute = TextAttributes(name: word) {
                attributes.insert(attribute)
            } else if let color = TerminalColor(themeToken: word) {
                guard foreground == nil else { throw .secondForeground(word) }
                foreground = color
            } else if index == 0 || TerminalColor.looksLikeColor(word) {
                throw .badColor(word)
            } else {
                throw .badAttribute(word)
            }
            index += 1
        }
    }
}
