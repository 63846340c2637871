import C8Core

/// One document's JSON text as a slice of the input buffer, and where it
/// starts. The bytes are only valid during the callback that receives them.
struct DocumentText {
    var bytes: UnsafeBufferPointer<UInt8>
    /// Line and element of the document's first byte.
    var position: InputPosition
    /// 1-based column of the document's first byte, to place syntax errors
    /// on the first line of a document that does not start a line.
    var column: Int

    /// Where a syntax error found by parsing `bytes` (whose line and column
    /// count from the document's start) is in the whole input.
    func locate(_ error: JSONParseError) -> InputPosition {
        var position = self.position
        position.line += error.line - 1
        position.column = error.line == 1 ? column + error.column - 1 : error.column
        return position
    }
}
