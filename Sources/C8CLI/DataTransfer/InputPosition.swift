/// Where a document sits in an import's input, so an error can say which
/// line to fix: `line 12`, `line 12, column 5`, `line 3, element [41]`.
struct InputPosition: Sendable, Equatable, CustomStringConvertible {
    /// 1-based line the document (or the error inside it) is on.
    var line: Int
    /// 1-based byte column, for syntax errors.
    var column: Int?
    /// 0-based index in a JSON array input; nil for JSON lines.
    var element: Int?

    init(line: Int, column: Int? = nil, element: Int? = nil) {
        self.line = line
        self.column = column
        self.element = element
    }

    var description: String {
        var text = "line \(line)"
        if let column { text += ", column \(column)" }
        if let element { text += ", element [\(element)]" }
        return text
    }
}
