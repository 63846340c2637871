/// Why a theme could not be read, with the file and line to fix.
///
/// A value rather than a message so tests can match the exact problem, and
/// the console can show `description` in its status line and still start
/// with the built-in default theme.
public struct ThemeError: Error, Equatable, Sendable {
    /// The theme file's path, or a label such as `<built-in default.theme>`.
    public var file: String
    /// 1-based line number, nil when the problem is not on one line.
    public var line: Int?
    public var problem: Problem

    public init(file: String, line: Int?, problem: Problem) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    /// What is wrong.
    public enum Problem: Error, Equatable, Sendable {
        /// A line that is neither a comment nor `key = value`.
        case malformedLine(String)
        /// A key that is no role nor header field; `suggestion` is the closest
        /// valid key when it is close enough to be a typo.
        case unknownRole(String, suggestion: String?)
        /// A word in a colour position that is no colour.
        case badColor(String)
        /// A word in an attribute position that is no attribute.
        case badAttribute(String)
        /// `key =` with nothing after it.
        case emptyValue(key: String)
        /// `on` not followed by a colour.
        case missingBackground
        /// Two colours without `on` between them.
        case secondForeground(String)
        /// `on` used twice in one value.
        case secondBackground(String)
        /// A role or header field set twice in one file.
        case duplicateKey(String, firstLine: Int)
        /// No `name = ...` line.
        case missingName
        /// A theme name with characters other than letters, digits, `-`, `_`.
        case badName(String)
        /// The `name` line differs from the file name, which is what
        /// `--theme` and `inherits` look themes up by.
        case nameMismatch(name: String, fileName: String)
        /// No theme of that name in any searched directory.
        case notFound(name: String, searched: [String])
        /// `inherits` leads back to a theme already in the chain.
        case inheritanceCycle([String])
        /// `inherits` was used where no catalog can look the parent up.
        case inheritsWithoutCatalog(String)
        /// The file exists but cannot be read or is not UTF-8.
        case unreadable(String)
    }
}

extension ThemeError: CustomStringConvertible {
    /// `file:line: message`, the form editors and terminals make clickable.
    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return "\(location): \(problem)"
    }
}

extension ThemeError.Problem: CustomStringConvertible {
    public var description: String {
        switch self {
        case .malformedLine(let text):
            return "expected 'role = value' or a # comment, found '\(text)'"
        case .unknownRole(let key, let suggestion):
            let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
            return "unknown role '\(key)'\(hint); Docs/THEMES.md lists the roles"
        case .badColor(let word):
            return "bad colour '\(word)': use default, black, red, green, yellow, blue, "
                + "magenta, cyan, white, bright-<name>, color0 to color255 or #rrggbb"
        case .badAttribute(let word):
            return "bad attribute '\(word)': use "
                + TextAttributes.named.map(\.name).joined(separator: ", ")
        case .emptyValue(let key):
            return "'\(key)' has no value"
        case .missingBackground:
            return "'on' must be followed by a background colour"
        case .secondForeground(let word):
            return "second foreground colour '\(word)': write 'on \(word)' for a background"
        case .secondBackground(let word):
            return "second background colour '\(word)'"
        case .duplicateKey(let key, let firstLine):
            return "'\(key)' is already set on line \(firstLine)"
        case .missingName:
            return "missing 'name = ...' line"
        case .badName(let name):
            return "bad theme name '\(name)': use letters, digits, '-' and '_'"
        case .nameMismatch(let name, let fileName):
            return "name '\(name)' does not match the file name '\(fileName)'"
        case .notFound(let name, let searched):
            return "no theme '\(name)' in " + (searched.isEmpty ? "any directory" : searched.joined(separator: ", "))
        case .inheritanceCycle(let chain):
            return "inheritance cycle: " + chain.joined(separator: " -> ")
        case .inheritsWithoutCatalog(let parent):
            return "'inherits = \(parent)' needs a theme catalog to find '\(parent)'"
        case .unreadable(let reason):
            return "cannot read theme: \(reason)"
        }
    }
}
