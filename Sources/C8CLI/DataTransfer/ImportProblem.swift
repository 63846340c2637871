import C8Core

/// Why one document of an import was not loaded, and where it is:
/// printed as `line 12: [1210] unique constraint violated …`.
struct ImportProblem: Error, CustomStringConvertible {
    var position: InputPosition
    var error: C8Error

    var description: String { "\(position): \(error)" }

    /// A syntax error inside the document `text`.
    init(_ parseError: JSONParseError, in text: DocumentText) {
        position = text.locate(parseError)
        error = C8Error(.corruptedJSON, detail: parseError.message, underlying: parseError)
    }

    /// A broken array structure (unclosed, empty element, trailing text).
    init(_ syntaxError: InputSyntaxError) {
        position = syntaxError.position
        error = C8Error(.corruptedJSON, detail: syntaxError.message)
    }

    /// A document the collection refused.
    init(position: InputPosition, error: C8Error) {
        self.position = position
        self.error = error
    }
}
