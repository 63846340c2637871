/// Reads the theme file format (Docs/THEMES.md):
///
///     # comment
///     name        = default
///     description = Dark theme for 256-colour terminals
///     inherits    = other            (optional)
///     list.selected = color16 on color39 bold   # comment
///
/// One setting per line so themes diff and merge cleanly; no nesting, no
/// quoting, nothing a hand-written parser can get subtly wrong.
public enum ThemeParser {
    /// Header keys that are not roles.
    static let headerKeys = ["name", "description", "inherits"]

    /// Parses a complete theme that does not use `inherits`.
    ///
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - file: the path or label to name in errors.
    /// - Throws: `ThemeError` for the first problem, with its line.
    public static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
        let document = try parseDocument(text, file: file)
        if let parent = document.inherits {
            throw ThemeError(file: file, line: parent.line, problem: .inheritsWithoutCatalog(parent.name))
        }
        return Theme(resolving: document)
    }

    /// Parses a theme file into its header and role settings without
    /// resolving inheritance; `ThemeCatalog` uses this to follow `inherits`.
    ///
    /// - Throws: `ThemeError` for the first problem, with its line.
    public static func parseDocument(_ text: String, file: String) throws(ThemeError) -> ThemeDocument {
        var header: [String: (value: String, line: Int)] = [:]
        var styles: [ThemeRole: StyleSpec] = [:]
        var roleLines: [ThemeRole: Int] = [:]

        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = offset + 1
            func fail(_ problem: ThemeError.Problem) -> ThemeError {
                ThemeError(file: file, line: lineNumber, problem: problem)
            }
            let line = stripComment(rawLine).trimmingWhitespace()
            if line.isEmpty { continue }
            guard let equals = line.firstIndex(of: "=") else { throw fail(.malformedLine(String(line))) }
            let key = String(line[..<equals].trimmingWhitespace())
            let value = String(line[line.index(after: equals)...].trimmingWhitespace())
            guard !key.isEmpty else { throw fail(.malformedLine(String(line))) }
            guard !value.isEmpty else { throw fail(.emptyValue(key: key)) }

            if headerKeys.contains(key) {
                if let first = header[key] { throw fail(.duplicateKey(key, firstLine: first.line)) }
                if key != "description", !isValidName(value) { throw fail(.badName(value)) }
                header[key] = (value, lineNumber)
            } else if let role = ThemeRole(rawValue: key) {
                if let first = roleLines[role] { throw fail(.duplicateKey(key, firstLine: first)) }
                do {
                    styles[role] = try StyleSpec(parsing: value)
                } catch {
                    throw fail(error)
                }
                roleLines[role] = lineNumber
            } else {
                let candidates = headerKeys + ThemeRole.allCases.map(\.rawValue)
                throw fail(.unknownRole(key, suggestion: ClosestName.match(for: key, among: candidates)))
            }
        }

        guard let name = header["name"] else {
            throw ThemeError(file: file, line: nil, problem: .missingName)
        }
        return ThemeDocument(
            file: file, name: name.value, nameLine: name.line,
            description: header["description"]?.value ?? "",
            inherits: header["inherits"].map { ThemeDocument.Reference(name: $0.value, line: $0.line) },
            styles: styles)
    }

    /// Whether `name` can name a theme: ASCII letters, digits, `-` and `_`,
    /// which keeps names usable as file names and `--theme` arguments and
    /// rules out path tricks like `../x`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }

    /// The line without its comment. A line whose first word starts with `#`
    /// is all comment; elsewhere `#` starts a comment only as a word of its
    /// own (`# ...`), so `#ff0000` stays a colour and `the #1 theme` text.
    static func stripComment(_ line: Substring) -> Substring {
        if line.trimmingWhitespace().hasPrefix("#") { return line[line.startIndex..<line.startIndex] }
        var previous: Character = " "
        var index = line.startIndex
        while index < line.endIndex {
            let next = line.index(after: index)
            if line[index] == "#", previous.isWhitespace, next == line.endIndex || line[next].isWhitespace {
                return line[..<index]
            }
            previous = line[index]
            index = next
        }
        return line
    }
}

private extension Substring {
    /// Without leading and trailing spaces and tabs.
    func trimmingWhitespace() -> Substring {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return self[endIndex...] }
        return self[first...last]
    }
}
