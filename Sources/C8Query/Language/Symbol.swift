/// An operator or punctuation mark of C8QL.
enum Symbol: String, CaseIterable, Sendable {
    case equal = "=="
    case notEqual = "!="
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case less = "<"
    case greater = ">"
    case regexMatch = "=~"
    case regexNotMatch = "!~"
    case and = "&&"
    case or = "||"
    case not = "!"
    case assign = "="
    case plus = "+"
    case minus = "-"
    case times = "*"
    case divide = "/"
    case modulo = "%"
    case question = "?"
    case scope = "::"
    case colon = ":"
    case range = ".."
    case dot = "."
    case comma = ","
    case openParen = "("
    case closeParen = ")"
    case openBrace = "{"
    case closeBrace = "}"
    case openBracket = "["
    case closeBracket = "]"

    /// How ArangoDB's parser names the token in "unexpected …" messages.
    var tokenDescription: String {
        switch self {
        case .equal, .notEqual, .lessOrEqual, .greaterOrEqual, .less, .greater, .regexMatch, .regexNotMatch,
             .plus, .minus, .times, .divide, .modulo:
            return "\(rawValue) operator"
        case .and: return "and operator"
        case .or: return "or operator"
        case .not: return "not operator"
        case .assign: return "assignment"
        case .dot: return "'.'"
        default: return rawValue
        }
    }

    /// The two-character symbols, tried before the one-character ones so
    /// that `==` never lexes as `=` `=`.
    static let twoCharacter: [Symbol] = allCases.filter { $0.rawValue.utf8.count == 2 }

    /// The symbol spelled by one ASCII byte, if any.
    static func single(_ byte: UInt8) -> Symbol? { singles[Int(byte)] }

    private static let singles: [Symbol?] = {
        var table = [Symbol?](repeating: nil, count: 256)
        for symbol in allCases where symbol.rawValue.utf8.count == 1 {
            table[Int(symbol.rawValue.utf8.first!)] = symbol
        }
        return table
    }()
}
