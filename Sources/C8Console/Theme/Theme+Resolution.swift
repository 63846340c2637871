/// Turning what a theme file says into concrete styles.
extension Theme {
    /// Resolves a document whose inheritance has already been applied.
    ///
    /// Omitted colours come from `text`, whose own omitted colours are the
    /// terminal's `default`; so `text = X on Y` alone recolours the whole
    /// theme. Roles the document does not set get `Theme.fallback(for:text:)`.
    public init(resolving document: ThemeDocument) {
        let text = (document.styles[.text] ?? StyleSpec()).resolved(foreground: .default, background: .default)
        let styles = document.styles.mapValues { spec in
            spec.resolved(foreground: text.foreground, background: text.background)
        }
        self.init(name: document.name, description: document.description, styles: styles)
    }
}
