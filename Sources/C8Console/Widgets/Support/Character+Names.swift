/// The character classes of C8QL names, shared by the highlighter and the
/// completer so both agree on where a word starts and ends. ASCII only, as
/// in the server's lexer.
extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIILetter: Bool { isASCII && isLetter }
    /// Letters, digits and `_`: what C8QL names are made of.
    var isNameCharacter: Bool { isASCIILetter || isASCIIDigit || self == "_" }
}
