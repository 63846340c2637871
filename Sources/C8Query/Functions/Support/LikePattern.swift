/// A compiled LIKE pattern: `%` matches any run of characters (newlines
/// included), `_` exactly one, and a backslash makes the next `%`, `_` or
/// `\` literal. A backslash before any other character, or at the end, is
/// a literal backslash — as in ArangoDB's LIKE, where any string matches
/// itself as a pattern unless it holds `%`, `_` or `\%`-style escapes.
///
/// Matching is a wildcard matcher with single backtracking over the last
/// `%`, O(text × pattern) in the worst case, with no regex engine.
struct LikePattern: Sendable {
    enum Token: Equatable, Sendable {
        case literal(Unicode.Scalar)
        case anyOne
        case anyRun
    }

    let tokens: [Token]
    let caseInsensitive: Bool

    init(_ pattern: String, caseInsensitive: Bool = false) {
        self.caseInsensitive = caseInsensitive
        let source = caseInsensitive ? pattern.lowercased() : pattern
        var tokens: [Token] = []
        var escaped = false
        for scalar in source.unicodeScalars {
            if escaped {
                escaped = false
                if scalar != "\\" && scalar != "%" && scalar != "_" { tokens.append(.literal("\\")) }
                tokens.append(.literal(scalar))
                continue
            }
            switch scalar {
            case "\\": escaped = true
            case "%": if tokens.last != .anyRun { tokens.append(.anyRun) }
            case "_": tokens.append(.anyOne)
            default: tokens.append(.literal(scalar))
            }
        }
        if escaped { tokens.append(.literal("\\")) }
        self.tokens = tokens
    }

    func matches(_ text: String) -> Bool {
        let scalars = Array((caseInsensitive ? text.lowercased() : text).unicodeScalars)
        var t = 0
        var p = 0
        var starPattern = -1
        var starText = 0
        while t < scalars.count {
            if p < tokens.count {
                switch tokens[p] {
                case .anyRun:
                    starPattern = p
                    starText = t
                    p += 1
                    continue
                case .anyOne:
                    t += 1
                    p += 1
                    continue
                case .literal(let c) where c == scalars[t]:
                    t += 1
                    p += 1
                    continue
                default:
                    break
                }
            }
            guard starPattern >= 0 else { return false }
            p = starPattern + 1
            starText += 1
            t = starText
        }
        while p < tokens.count, tokens[p] == .anyRun { p += 1 }
        return p == tokens.count
    }
}
