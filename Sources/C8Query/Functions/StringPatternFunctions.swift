import C8Core
import Foundation

/// LIKE, SPLIT and the REGEX_* functions. Regexes use ICU syntax (through
/// `NSRegularExpression`, see ``RegexCache``); an invalid one makes warning
/// 1543 and a null result.
enum StringPatternFunctions {
    static let definitions: [FunctionDefinition] = [
        FunctionDefinition("LIKE", 2...3, .string) { call in
            .bool(LikePattern(call.string(1), caseInsensitive: call.bool(2)).matches(call.string(0)))
        },
        FunctionDefinition("REGEX_TEST", 2...3, .string) { call in
            guard let regex = compile(call, patternAt: 1, caseInsensitiveAt: 2) else { return .null }
            let text = call.string(0)
            return .bool(regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil)
        },
        FunctionDefinition("REGEX_MATCHES", 2...3, .string) { call in regexMatches(call) },
        FunctionDefinition("REGEX_REPLACE", 3...4, .string) { call in
            guard let regex = compile(call, patternAt: 1, caseInsensitiveAt: 3) else { return .null }
            let text = call.string(0)
            return .string(regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text),
                                                          withTemplate: call.string(2)))
        },
        FunctionDefinition("REGEX_SPLIT", 2...4, .string) { call in
            split(call, limitAt: 3) { call -> Separator? in
                guard let regex = compile(call, patternAt: 1, caseInsensitiveAt: 2) else { return nil }
                return call.string(1).isEmpty ? .characters : .regex(regex)
            }
        },
        FunctionDefinition("SPLIT", 1...3, .string) { call in
            split(call, limitAt: 2) { call -> Separator? in
                switch call[1] {
                case .array(let separators):
                    // ArangoDB's split matcher rejects non-string and empty
                    // elements of a separator list as an invalid regex.
                    var literals: [String] = []
                    for separator in separators {
                        guard case .string(let s) = separator, !s.isEmpty else { return invalidRegex(call) }
                        literals.append(s)
                    }
                    return literals.isEmpty ? .characters : .literals(literals.map(UnicodeText.init))
                default:
                    let separator = call.string(1)
                    return separator.isEmpty ? .characters : .literals([UnicodeText(separator)])
                }
            }
        },
    ]

    // MARK: Regexes

    private static func compile(_ call: FunctionCall, patternAt index: Int, caseInsensitiveAt flagIndex: Int)
        -> NSRegularExpression?
    {
        guard let regex = RegexCache.regex(call.string(index), caseInsensitive: call.bool(flagIndex)) else {
            return invalidRegex(call)
        }
        return regex
    }

    private static func invalidRegex<T>(_ call: FunctionCall) -> T? {
        _ = call.warning(.queryInvalidRegex)
        return nil
    }

    /// REGEX_MATCHES(text, regex[, caseInsensitive]): the first match and
    /// its groups (an unmatched group is ""), or null without a match.
    /// ArangoDB's edge cases: one argument returns `[text]`; a non-empty
    /// regex on an empty text returns `[""]`.
    private static func regexMatches(_ call: FunctionCall) -> JSON {
        guard let regex = compile(call, patternAt: 1, caseInsensitiveAt: 2) else { return .null }
        let text = call.string(0)
        if text.isEmpty && !call.string(1).isEmpty { return [""] }
        guard let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return .null }
        let utf16 = text as NSString
        return .array((0..<match.numberOfRanges).map { .string(substring(utf16, match.range(at: $0))) })
    }

    /// The UTF-16 range of a match as a string. Goes through NSString
    /// because a match may end inside a Swift Character (the CR of a CRLF),
    /// where String.Index ranges cannot.
    private static func substring(_ text: NSString, _ range: NSRange) -> String {
        range.location == NSNotFound ? "" : text.substring(with: range)
    }

    // MARK: Splitting

    /// How SPLIT and REGEX_SPLIT cut a text.
    enum Separator {
        /// An empty separator: every character is a part.
        case characters
        /// Literal separators, the first listed winning at a position.
        case literals([UnicodeText])
        /// A regex; its capture groups are returned between the parts, as
        /// ICU's split (ArangoDB's) does.
        case regex(NSRegularExpression)
    }

    /// The shared frame of SPLIT and REGEX_SPLIT, with ArangoDB's edge
    /// cases: one argument returns `[value]` unchanged; an object separator
    /// is invalid; a non-number limit is invalid, a negative one gives null
    /// and 0 gives `[]`; a non-empty separator on "" gives `[""]`.
    private static func split(
        _ call: FunctionCall, limitAt limitIndex: Int,
        separator makeSeparator: (FunctionCall) -> Separator?
    ) -> JSON {
        var limit = Int.max
        if call.has(limitIndex) {
            guard call[limitIndex].doubleValue != nil else { return call.invalidArgument() }
            let requested = call.integer(limitIndex)
            if requested < 0 { return .null }
            if requested == 0 { return [] }
            limit = requested
        }
        if call.count == 1 { return [call[0]] }
        if call[1].objectValue != nil { return call.invalidArgument() }
        guard let separator = makeSeparator(call) else { return .null }
        let text = call.string(0)
        if text.isEmpty {
            if case .characters = separator { return [] }
            return [""]
        }
        let parts: [String]
        switch separator {
        case .characters: parts = text.unicodeScalars.map { String($0) }
        case .literals(let literals): parts = splitLiterals(UnicodeText(text), literals)
        case .regex(let regex): parts = splitRegex(text, regex)
        }
        return .array(parts.prefix(limit).map { .string($0) })
    }

    private static func splitLiterals(_ text: UnicodeText, _ separators: [UnicodeText]) -> [String] {
        var parts: [String] = []
        var partStart = 0
        var i = 0
        scan: while i < text.count {
            for separator in separators where text.matches(separator, at: i) {
                parts.append(text.substring(partStart..<i))
                i += separator.count
                partStart = i
                continue scan
            }
            i += 1
        }
        parts.append(text.substring(partStart..<text.count))
        return parts
    }

    private static func splitRegex(_ text: String, _ regex: NSRegularExpression) -> [String] {
        let utf16 = text as NSString
        var parts: [String] = []
        var partStart = 0
        for match in regex.matches(in: text, range: NSRange(location: 0, length: utf16.length))
        where match.range.length > 0 {
            parts.append(utf16.substring(with: NSRange(location: partStart, length: match.range.location - partStart)))
            for group in stride(from: 1, to: match.numberOfRanges, by: 1) {
                parts.append(substring(utf16, match.range(at: group)))
            }
            partStart = match.range.location + match.range.length
        }
        parts.append(utf16.substring(from: partStart))
        return parts
    }
}
