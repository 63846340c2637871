/// How one cell is drawn: foreground, background and attributes.
///
/// `Hashable` because the terminal backend turns each distinct
/// (foreground, background) into an ncurses colour pair on demand.
public struct Style: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: TextAttributes

    public init(foreground: TerminalColor = .default, background: TerminalColor = .default,
                attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's own colours, no attributes.
    public static let plain = Style()

    /// A copy with extra attributes.
    public func adding(_ extra: TextAttributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }
}

extension Style: CustomStringConvertible {
    /// The theme-file value for this style (`color16 on color39 bold`); parsing
    /// it gives the same style back. Both colours are always written, because
    /// an omitted colour in a theme file means "inherit", not `default`.
    public var description: String {
        var words = [foreground.description, "on", background.description]
        if !attributes.isEmpty { words.append(attributes.description) }
        return words.joined(separator: " ")
    }
}
