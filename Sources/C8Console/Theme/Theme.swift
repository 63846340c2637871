/// A complete set of styles: one for every `ThemeRole`.
///
/// Always complete, so drawing code asks `style(for:)` and never handles a
/// missing role; gaps in a theme file are filled when it is resolved.
public struct Theme: Equatable, Sendable {
    /// The name `--theme` and `inherits` use; equals the file name.
    public var name: String
    /// One line for a theme picker.
    public var description: String
    private var styles: [ThemeRole: Style]

    /// A theme from explicit styles; roles missing from `styles` get their
    /// fallback (the colours of `text` plus `ThemeRole.fallbackAttributes`).
    public init(name: String, description: String, styles: [ThemeRole: Style]) {
        self.name = name
        self.description = description
        let text = styles[.text] ?? .plain
        self.styles = Dictionary(uniqueKeysWithValues: ThemeRole.allCases.map { role in
            (role, styles[role] ?? Theme.fallback(for: role, text: text))
        })
    }

    /// The style to draw `role` with.
    public func style(for role: ThemeRole) -> Style {
        styles[role] ?? .plain
    }

    /// The style used for a role the theme does not set.
    public static func fallback(for role: ThemeRole, text: Style) -> Style {
        Style(foreground: text.foreground, background: text.background,
              attributes: role.fallbackAttributes)
    }
}
