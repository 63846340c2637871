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

/// One document's JSON text as a slice of the input buffer, and where it
/// starts. The bytes are only valid during the callback that receives them.
struct DocumentText {
    var bytes: UnsafeBufferPointer<UInt8>
    /// Line and element of the document's first byte.
    var position: InputPosition
    /// 1-based column of the document's first byte, to place syntax errors
    /// on the first line of a document that does not start a line.
    var column: Int

    /// Where a syntax error found by parsing `bytes` is in the whole input.
    func locate(_ error: JSONParseErrorLocation) -> InputPosition {
        var position = self.position
        position.line += error.line - 1
        position.column = error.line == 1 ? column + error.column - 1 : error.column
        return position
    }
}

/// The line and column a parser reports, relative to the text it was given.
struct JSONParseErrorLocation {
    var line: Int
    var column: Int
}

/// A problem in the input's structure found while splitting it into
/// documents (an unclosed array, text after it), before any parsing.
struct InputSyntaxError: Error {
    var message: String
    var position: InputPosition
}
