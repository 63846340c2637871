/// A coloured stretch of one line of text.
///
/// The range counts characters (grapheme clusters), not bytes or terminal
/// columns, so it stays right for accented and wide characters and maps
/// directly onto an editor's cursor columns.
public struct HighlightSpan: Hashable, Sendable, CustomStringConvertible {
    public var range: Range<Int>
    public var role: ThemeRole

    public init(_ range: Range<Int>, _ role: ThemeRole) {
        self.range = range
        self.role = role
    }

    public var description: String { "\(range.lowerBound)..<\(range.upperBound) \(role.rawValue)" }
}
