/// A parsed theme file: its header and the roles it sets, unresolved.
///
/// Separate from `Theme` because inheritance works on what files *say*:
/// a child's roles are laid over its parent's before omitted colours and
/// missing roles are filled in.
public struct ThemeDocument: Equatable, Sendable {
    /// A reference to another theme, with the line it was written on.
    public struct Reference: Equatable, Sendable {
        public var name: String
        public var line: Int
    }

    /// Where the text came from, for error messages.
    public var file: String
    public var name: String
    /// The line of `name = ...`, to point at when it mismatches the file name.
    public var nameLine: Int
    public var description: String
    /// The `inherits = NAME` line, if any.
    public var inherits: Reference?
    /// The roles this file sets; others come from the parent or the fallback.
    public var styles: [ThemeRole: StyleSpec]

    public init(file: String, name: String, nameLine: Int, description: String,
                inherits: Reference?, styles: [ThemeRole: StyleSpec]) {
        self.file = file
        self.name = name
        self.nameLine = nameLine
        self.description = description
        self.inherits = inherits
        self.styles = styles
    }

    /// This document's roles laid over `parent`'s. The header stays this
    /// document's own, and the result no longer inherits (the parent's own
    /// `inherits` has been resolved by whoever passes it in).
    public func overlaying(_ parent: ThemeDocument) -> ThemeDocument {
        var merged = self
        merged.styles = parent.styles.merging(styles) { _, own in own }
        merged.inherits = nil
        return merged
    }
}
