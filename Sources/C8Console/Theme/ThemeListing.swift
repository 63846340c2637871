/// A theme `ThemeCatalog` can load, and where it would load it from.
public struct ThemeListing: Equatable, Sendable {
    public enum Source: Equatable, Sendable {
        /// A theme file at this path.
        case file(String)
        /// The copy of `default.theme` compiled into the program.
        case builtin
    }

    public var name: String
    public var source: Source
}
