/// Adapting a whole theme to what the terminal can show.
extension Theme {
    /// The theme with every style adapted to `depth` (see
    /// `Style.adapted(to:canvas:)`), drawn on the `background` role's colour.
    ///
    /// Afterwards, any role that must stand out (`ThemeRole.mustStandOut`)
    /// but now looks exactly like `text` gets its fallback attributes: a
    /// theme that marks the cursor row with a colour only still shows it on
    /// a monochrome terminal.
    public func adapted(to depth: ColorDepth) -> Theme {
        let canvas = style(for: .background).background
        let text = style(for: .text).adapted(to: depth, canvas: canvas)
        var styles: [ThemeRole: Style] = [:]
        for role in ThemeRole.allCases {
            var adapted = style(for: role).adapted(to: depth, canvas: canvas)
            if role.mustStandOut, adapted == text {
                adapted = adapted.adding(role.fallbackAttributes)
            }
            styles[role] = adapted
        }
        return Theme(name: name, description: description, styles: styles)
    }
}
