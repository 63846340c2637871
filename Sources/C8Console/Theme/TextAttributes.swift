/// The character attributes a theme may ask for.
///
/// Only the five that ncurses and most terminals support; on a terminal that
/// lacks one (vt100 has no dim or italic) it is simply not drawn, which is why
/// themes should never rely on dim or italic alone to carry meaning.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let italic = TextAttributes(rawValue: 1 << 2)
    public static let underline = TextAttributes(rawValue: 1 << 3)
    public static let reverse = TextAttributes(rawValue: 1 << 4)

    /// Every attribute with its theme-file name, in the order they are written.
    public static let named: [(name: String, attribute: TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("italic", .italic),
        ("underline", .underline), ("reverse", .reverse),
    ]

    /// Looks an attribute up by its theme-file name.
    public init?(name: String) {
        guard let match = TextAttributes.named.first(where: { $0.name == name }) else { return nil }
        self = match.attribute
    }
}

extension TextAttributes: CustomStringConvertible {
    /// Space-separated names in canonical order (`bold underline`), empty for none.
    public var description: String {
        TextAttributes.named.filter { contains($0.attribute) }.map(\.name).joined(separator: " ")
    }
}
