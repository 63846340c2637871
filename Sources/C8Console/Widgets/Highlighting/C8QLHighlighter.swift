import C8Client

/// Colours C8QL (AQL) one line at a time for the query editor.
///
/// Follows the server's lexer where it matters for colour: `//` and
/// `/* */` comments (the latter across lines), single- and double-quoted
/// strings with backslash escapes (also across lines), backtick names,
/// numbers, `@bind` and `@@collection` parameters, keywords in any case, and
/// function names — a known function followed by `(`, or a namespaced user
/// function `NS::NAME(`. A keyword right after `.` is an attribute
/// (`doc.count`) and stays plain. Never fails: unknown characters are left
/// uncoloured.
public struct C8QLHighlighter: LineHighlighter {
    private let keywords: Set<String>
    private let functions: Set<String>

    /// One instance over the standard catalogue, so callers that highlight
    /// on every keystroke (completion) do not rebuild the word sets.
    public static let standard = C8QLHighlighter()

    public init(keywords: [String] = LanguageCatalog.keywords, functions: [String] = LanguageCatalog.functions) {
        self.keywords = Set(keywords.map { $0.uppercased() })
        self.functions = Set(functions.map { $0.uppercased() })
    }

    public func highlight(_ line: String, from state: HighlightState) -> LineHighlight {
        var scanner = C8QLLineScanner(Array(line), keywords: keywords, functions: functions)
        let end = scanner.run(from: C8QLLineState(state))
        return LineHighlight(spans: scanner.spans, end: end.highlightState)
    }
}

/// One pass over one line's characters, collecting spans.
private struct C8QLLineScanner {
    private let chars: [Character]
    private let keywords: Set<String>
    private let functions: Set<String>
    private(set) var spans: [HighlightSpan] = []
    private var index = 0

    /// Operators two characters long, tried before single ones (`==` is not `=` `=`).
    private static let twoCharacterOperators: Set<String> = ["==", "!=", "<=", ">=", "=~", "!~", "&&", "||", "::", ".."]
    private static let operators: Set<Character> = ["<", ">", "!", "=", "+", "-", "*", "/", "%", "?", ":"]

    init(_ chars: [Character], keywords: Set<String>, functions: Set<String>) {
        self.chars = chars
        self.keywords = keywords
        self.functions = functions
    }

    /// Scans the line starting in `state`; returns the state it ends in.
    mutating func run(from state: C8QLLineState) -> C8QLLineState {
        if state != .code {
            if let open = resume(state, openedAt: 0) { return open }
        }
        while index < chars.count {
            if let open = scanToken() { return open }
        }
        return .code
    }

    /// Scans one token; returns a state when the line ends inside a construct.
    private mutating func scanToken() -> C8QLLineState? {
        let c = chars[index]
        let next = peek(1)
        if c == "/" && next == "/" {
            add(index..<chars.count, .queryComment)
            index = chars.count
        } else if c == "/" && next == "*" {
            let start = index
            index += 2
            return resume(.blockComment, openedAt: start)
        } else if let quoted = C8QLLineState(openingQuote: c) {
            let start = index
            index += 1
            return resume(quoted, openedAt: start)
        } else if c == "@" {
            scanBindParameter()
        } else if c.isASCIIDigit || (c == "." && next?.isASCIIDigit == true && peek(-1) != ".") {
            scanNumber()
        } else if c.isASCIILetter || c == "_" || c == "$" {
            scanWord()
        } else if let next, Self.twoCharacterOperators.contains(String([c, next])) {
            add(index..<(index + 2), .queryOperator)
            index += 2
        } else if Self.operators.contains(c) {
            add(index..<(index + 1), .queryOperator)
            index += 1
        } else {
            index += 1
        }
        return nil
    }

    /// Continues a comment, string or quoted name that started at `start`
    /// (on this line, or on an earlier one when `start` is 0 and the state
    /// was carried). Returns the state when the line ends before it closes.
    private mutating func resume(_ state: C8QLLineState, openedAt start: Int) -> C8QLLineState? {
        var closed = false
        if state == .blockComment {
            while index < chars.count {
                if chars[index] == "*" && peek(1) == "/" {
                    index += 2
                    closed = true
                    break
                }
                index += 1
            }
        } else if let quote = state.closingQuote {
            while index < chars.count {
                if chars[index] == "\\" {
                    index += 2
                    continue
                }
                index += 1
                if chars[index - 1] == quote {
                    closed = true
                    break
                }
            }
            index = min(index, chars.count)
        }
        if let role = state.role { add(start..<index, role) }
        return closed ? nil : state
    }

    /// `@name` and `@@name`; a lone `@` stays plain.
    private mutating func scanBindParameter() {
        let start = index
        var end = index + (peek(1) == "@" ? 2 : 1)
        let nameStart = end
        while end < chars.count, chars[end].isNameCharacter { end += 1 }
        if end > nameStart {
            add(start..<end, .queryBind)
            index = end
        } else {
            index += 1
        }
    }

    /// `12`, `1.5`, `.5`, `2e-3`; in `1..10` the dots are a range operator.
    private mutating func scanNumber() {
        let start = index
        while index < chars.count, chars[index].isASCIIDigit { index += 1 }
        if peek(0) == ".", peek(1)?.isASCIIDigit == true {
            index += 1
            while index < chars.count, chars[index].isASCIIDigit { index += 1 }
        }
        if let e = peek(0), e == "e" || e == "E" {
            let sign = (peek(1) == "+" || peek(1) == "-") ? 1 : 0
            if peek(1 + sign)?.isASCIIDigit == true {
                index += 1 + sign
                while index < chars.count, chars[index].isASCIIDigit { index += 1 }
            }
        }
        add(start..<index, .queryNumber)
    }

    /// A name: keyword, function call, attribute or variable.
    private mutating func scanWord() {
        let start = index
        index += 1
        while index < chars.count, chars[index].isNameCharacter { index += 1 }
        var namespaced = false
        // User functions live in namespaces: MY::LIB::FN(
        while peek(0) == ":", peek(1) == ":", peek(2)?.isASCIILetter == true {
            namespaced = true
            index += 2
            while index < chars.count, chars[index].isNameCharacter { index += 1 }
        }
        let word = String(chars[start..<index]).uppercased()
        let isAttribute = start > 0 && chars[start - 1] == "." && (start < 2 || chars[start - 2] != ".")
        if isAttribute { return }
        if isFollowedByParenthesis(), namespaced || functions.contains(word) {
            add(start..<index, .queryFunction)
        } else if !namespaced, keywords.contains(word) {
            add(start..<index, .queryKeyword)
        }
    }

    private func isFollowedByParenthesis() -> Bool {
        var i = index
        while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
        return i < chars.count && chars[i] == "("
    }

    private func peek(_ ahead: Int) -> Character? {
        let i = index + ahead
        return i >= 0 && i < chars.count ? chars[i] : nil
    }

    private mutating func add(_ range: Range<Int>, _ role: ThemeRole) {
        guard !range.isEmpty else { return }
        spans.append(HighlightSpan(range, role))
    }
}
