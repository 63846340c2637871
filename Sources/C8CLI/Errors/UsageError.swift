/// A mistake in how `c8` was invoked (exit status 2).
///
/// Each case carries the facts, and `message` phrases them once, so the
/// parser, commands and tests share the wording. `CommandLineTool` prints the
/// message as one line after `c8 <command>: `, then the usage lines and a
/// pointer to `--help`.
public enum UsageError: Error, Equatable, Sendable {
    /// `c8 nope`
    case unknownCommand(String, suggestion: String?)
    /// `c8 query --nope`
    case unknownOption(String, suggestion: String?)
    /// `c8 query --fabric` (no value, or an empty `--fabric=`)
    case missingValue(option: String)
    /// `c8 import --create=yes`
    case unexpectedValue(option: String)
    /// `c8 serve --port http`; `expected` follows "needs".
    case invalidValue(option: String, value: String, expected: String)
    /// `c8 query --fabric a --fabric b`
    case repeatedOption(String)
    /// `c8 import FILE` without `--collection`
    case missingOption(String)
    /// `c8 query` without `QUERY`
    case missingArgument(String)
    /// `c8 query 'RETURN 1' extra`
    case unexpectedArgument(String)
    /// `--data-dir` and `--url` both given on the command line.
    case conflictingOptions([String])
    /// `C8_DATA_DIR` and `C8_URL` both set and no flag to choose between them.
    case conflictingEnvironment(variables: [String], options: [String])
    /// `--tls-port` without `--tls-cert` and `--tls-key`.
    case incompleteGroup(options: [String], missing: [String])
    /// Anything a command's own checks reject.
    case invalid(String)

    /// The one-line explanation, without the `c8 <command>: ` prefix.
    public var message: String {
        switch self {
        case .unknownCommand(let name, let suggestion):
            return "unknown command '\(name)'" + Self.hint(suggestion)
        case .unknownOption(let option, let suggestion):
            return "unknown option \(option)" + Self.hint(suggestion)
        case .missingValue(let option):
            return "option \(option) needs a value"
        case .unexpectedValue(let option):
            return "option \(option) takes no value"
        case .invalidValue(let option, let value, let expected):
            return "option \(option) needs \(expected), not '\(value)'"
        case .repeatedOption(let option):
            return "option \(option) is given more than once"
        case .missingOption(let option):
            return "missing required option \(option)"
        case .missingArgument(let name):
            return "missing argument \(name)"
        case .unexpectedArgument(let value):
            return "unexpected argument '\(value)'"
        case .conflictingOptions(let options):
            return "options \(Self.list(options, conjunction: "and")) cannot be used together"
        case .conflictingEnvironment(let variables, let options):
            let quantity = variables.count == 2 ? "both" : "all"
            return "\(Self.list(variables, conjunction: "and")) are \(quantity) set; "
                + "pass \(Self.list(options, conjunction: "or")) to choose"
        case .incompleteGroup(let options, let missing):
            return "options \(Self.list(options, conjunction: "and")) go together; "
                + "missing \(Self.list(missing, conjunction: "and"))"
        case .invalid(let message):
            return message
        }
    }

    private static func hint(_ suggestion: String?) -> String {
        suggestion.map { " (did you mean \($0)?)" } ?? ""
    }

    /// "a", "a and b", "a, b and c".
    private static func list(_ items: [String], conjunction: String) -> String {
        guard let last = items.last, items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }
}
