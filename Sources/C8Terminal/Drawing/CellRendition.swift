import C8Console

/// What ncurses needs to draw a ``Style``: attributes and the colours of its
/// pair, worked out once per distinct style (the renderer caches them).
struct CellRendition: Hashable, Sendable {
    var attributes: TextAttributes
    var colors: ColorPairRegistry.Key

    /// - Parameters:
    ///   - depth: the terminal's colour depth. Styles are adapted to it
    ///     upstream, and again here (a no-op for adapted styles) so a style
    ///     that skipped adaptation still draws sensibly.
    ///   - mapper: nil on a monochrome terminal, where only attributes count.
    init(_ style: Style, depth: ColorDepth, mapper: CursesColorMapper?) {
        var style = style
        // An 8-colour terminal shows "bright red" text as bold red (there is
        // no such trick for backgrounds).
        if depth == .colors8, case .ansi16(let color) = style.foreground, color.isBright {
            style.foreground = .ansi16(ANSIColor(rawValue: color.rawValue - 8)!)
            style.attributes.insert(.bold)
        }
        let adapted = depth == .colors256 ? style : style.adapted(to: depth)
        attributes = adapted.attributes
        guard let mapper, depth != .monochrome else {
            colors = .terminalDefault
            return
        }
        colors = ColorPairRegistry.Key(foreground: mapper.foreground(adapted.foreground),
                                       background: mapper.background(adapted.background))
    }
}
