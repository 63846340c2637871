/// A problem in the input's structure found while splitting it into
/// documents (an unclosed array, an empty element, text after the array),
/// before any document is parsed.
struct InputSyntaxError: Error {
    var message: String
    var position: InputPosition
}
