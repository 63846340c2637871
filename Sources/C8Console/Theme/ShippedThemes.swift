/// Every theme of the repository's `Themes/`, compiled in, so that a c8
/// binary copied anywhere offers them all. Files found on the search path
/// win over these copies (``ThemeCatalog``): a user's `light.theme` shadows
/// the shipped one, and theme edits in a checkout show without a rebuild.
enum ShippedThemes {
    static let all: [(name: String, text: String)] = [
        (BuiltinTheme.name, BuiltinTheme.text),
        (HighContrastTheme.name, HighContrastTheme.text),
        (LightTheme.name, LightTheme.text),
        (MonochromeTheme.name, MonochromeTheme.text),
    ]

    static func text(named name: String) -> String? {
        all.first { $0.name == name }?.text
    }

    /// What errors and listings call the compiled-in copy of `name`.
    static func label(_ name: String) -> String { "<built-in \(name).theme>" }
}
