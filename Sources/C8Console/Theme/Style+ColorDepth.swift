/// Adapting a style to a terminal that shows fewer colours.
extension Style {
    /// The style as a terminal of `depth` should draw it.
    ///
    /// - 256 colours: unchanged (themes only hold 256-palette colours).
    /// - 8 colours: each colour becomes its nearest basic colour; if foreground
    ///   and background then coincide, the foreground turns black or white so
    ///   the text stays readable.
    /// - Monochrome: colours are dropped, attributes kept.
    ///
    /// In both reduced modes, a style whose background stood out from the
    /// canvas but no longer does (a selection bar, a status line) gains
    /// `reverse`, so the highlight survives as an inverted bar.
    ///
    /// - Parameters:
    ///   - depth: what the terminal can show.
    ///   - canvas: the background the style is drawn on (the theme's
    ///     `background` role), which decides whether a fill was lost.
    public func adapted(to depth: ColorDepth, canvas: TerminalColor = .default) -> Style {
        var result: Style
        switch depth {
        case .colors256:
            return self
        case .colors8:
            result = Style(foreground: foreground.nearestBasic, background: background.nearestBasic,
                           attributes: attributes)
            if case .ansi16(let clash) = result.background, result.foreground == result.background {
                result.foreground = .ansi16(BasicColorMatcher.contrasting(with: clash))
            }
            if background != canvas, result.background == canvas.nearestBasic {
                result.attributes.insert(.reverse)
            }
        case .monochrome:
            result = Style(attributes: attributes)
            if background != canvas { result.attributes.insert(.reverse) }
        }
        return result
    }
}

extension TerminalColor {
    /// The nearest of the 8 basic colours; `.default` stays `.default`.
    var nearestBasic: TerminalColor {
        guard let rgb else { return .default }
        if case .ansi16(let color) = self, !color.isBright { return self }
        return .ansi16(BasicColorMatcher.nearest(to: rgb))
    }
}
