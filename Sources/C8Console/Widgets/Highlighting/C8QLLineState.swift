/// What a C8QL line can end inside of. Strings and quoted names may span
/// lines (the lexer accepts newlines in them), as may block comments.
enum C8QLLineState: Int {
    case code = 0
    case blockComment
    case doubleQuoted
    case singleQuoted
    case backtickName
    case forwardTickName

    init(_ state: HighlightState) {
        self = C8QLLineState(rawValue: state.rawValue) ?? .code
    }

    var highlightState: HighlightState { HighlightState(rawValue: rawValue) }

    /// The quote that closes the construct, for the quoted states.
    var closingQuote: Character? {
        switch self {
        case .doubleQuoted: "\""
        case .singleQuoted: "'"
        case .backtickName: "`"
        case .forwardTickName: "´"
        case .code, .blockComment: nil
        }
    }

    /// The state an opening quote starts.
    init?(openingQuote: Character) {
        switch openingQuote {
        case "\"": self = .doubleQuoted
        case "'": self = .singleQuoted
        case "`": self = .backtickName
        case "´": self = .forwardTickName
        default: return nil
        }
    }

    /// Strings are coloured; quoted names are ordinary names.
    var role: ThemeRole? {
        switch self {
        case .doubleQuoted, .singleQuoted: .queryString
        case .blockComment: .queryComment
        case .code, .backtickName, .forwardTickName: nil
        }
    }
}
