import C8Core

/// C8QL's string functions. Every text argument is cast with TO_STRING
/// (null is "", arrays and objects their JSON), and positions count
/// Unicode scalars (see ``UnicodeText``).
enum StringFunctions {
    static let definitions: [FunctionDefinition] =
        basic + StringPatternFunctions.definitions + StringEncodingFunctions.definitions

    private static let basic: [FunctionDefinition] = [
        FunctionDefinition("CONCAT", 1...Int.max, .string) { call in
            .string(concatenate(call.arguments, separator: nil))
        },
        FunctionDefinition("CONCAT_SEPARATOR", 2...Int.max, .string) { call in
            .string(concatenate(Array(call.arguments.dropFirst()), separator: call.string(0)))
        },
        FunctionDefinition("CHAR_LENGTH", 1...1, .string) { call in .integer(characterLength(call[0])) },
        FunctionDefinition("LOWER", 1...1, .string) { call in .string(call.string(0).lowercased()) },
        FunctionDefinition("UPPER", 1...1, .string) { call in .string(call.string(0).uppercased()) },
        FunctionDefinition("SUBSTRING", 2...3, .string) { call in substring(call) },
        FunctionDefinition("LEFT", 2...2, .string) { call in
            .string(UnicodeText(call.string(0)).substring(0..<max(call.integer(1), 0)))
        },
        FunctionDefinition("RIGHT", 2...2, .string) { call in
            let text = UnicodeText(call.string(0))
            return .string(text.substring(max(text.count - max(call.integer(1), 0), 0)..<text.count))
        },
        FunctionDefinition("TRIM", 1...2, .string) { call in trim(call) },
        oneSidedTrim("LTRIM", left: true),
        oneSidedTrim("RTRIM", left: false),
        FunctionDefinition("CONTAINS", 2...3, .string) { call in contains(call) },
        FunctionDefinition("FIND_FIRST", 2...4, .string) { call in find(call, last: false) },
        FunctionDefinition("FIND_LAST", 2...4, .string) { call in find(call, last: true) },
        FunctionDefinition("SUBSTITUTE", 2...4, .string) { call in Substitution.evaluate(call) },
    ]

    /// CONCAT and CONCAT_SEPARATOR: null arguments are skipped; a single
    /// array argument contributes its (non-null) elements instead.
    private static func concatenate(_ values: [JSON], separator: String?) -> String {
        var parts = values
        if values.count == 1, case .array(let elements) = values[0] { parts = elements }
        return parts.filter { !$0.isNull }.map(\.toStringValue).joined(separator: separator ?? "")
    }

    /// CHAR_LENGTH: characters of a string, of a number's or boolean's text;
    /// arrays and objects count the UTF-8 bytes of their JSON (as ArangoDB's
    /// dumper-based count does); null is 0.
    static func characterLength(_ value: JSON) -> Int {
        switch value {
        case .null: 0
        case .array, .object: value.jsonString().utf8.count
        default: value.toStringValue.unicodeScalars.count
        }
    }

    /// SUBSTRING(value, offset[, length]): a negative offset counts from
    /// the end (clamped to the start); a negative length gives "".
    private static func substring(_ call: FunctionCall) -> JSON {
        let text = UnicodeText(call.string(0))
        var offset = call.integer(1)
        if offset < 0 { offset = max(text.count + offset, 0) }
        offset = min(offset, text.count)
        let length = call.has(2) ? call.integer(2) : Int.max
        guard length > 0 else { return .string("") }
        let end = length >= text.count - offset ? text.count : offset + length
        return .string(text.substring(offset..<end))
    }

    /// TRIM(value[, type | characters]): type 0 both ends (default), 1 the
    /// start, 2 the end (other numbers mean 0); a string argument lists the
    /// characters to strip instead of whitespace.
    private static func trim(_ call: FunctionCall) -> JSON {
        var left = true
        var right = true
        var characters: String?
        switch call[1] {
        case .int, .double:
            switch call.integer(1) {
            case 1: right = false
            case 2: left = false
            default: break
            }
        case .string(let s): characters = s
        default: break
        }
        return .string(Trimmer(characters: characters).trim(call.string(0), left: left, right: right))
    }

    /// LTRIM/RTRIM(value[, characters]): a given second argument is always
    /// the character list (TO_STRING, so null strips nothing).
    private static func oneSidedTrim(_ name: String, left: Bool) -> FunctionDefinition {
        FunctionDefinition(name, 1...2, .string) { call in
            let trimmer = Trimmer(characters: call.has(1) ? call.string(1) : nil)
            return .string(trimmer.trim(call.string(0), left: left, right: !left))
        }
    }

    /// CONTAINS(text, search[, returnIndex]): an empty search string is
    /// never found. The index counts characters (ArangoDB means to, but
    /// its loop counts bytes for non-ASCII text; we report characters).
    private static func contains(_ call: FunctionCall) -> JSON {
        let returnIndex = call[2].toBool
        let text = UnicodeText(call.string(0))
        let search = UnicodeText(call.string(1))
        let position = search.count > 0 ? text.firstIndex(of: search) : nil
        return returnIndex ? .integer(position ?? -1) : .bool(position != nil)
    }

    /// FIND_FIRST/FIND_LAST(text, search[, start[, end]]): the position of
    /// an occurrence lying within characters start…end (inclusive), or -1.
    /// Edge cases follow ArangoDB: a negative start, or an end below start
    /// or below 0, give -1; an empty search string is found at start
    /// (FIND_FIRST) or at the end (FIND_LAST, past `end` when one is given).
    private static func find(_ call: FunctionCall, last: Bool) -> JSON {
        let text = UnicodeText(call.string(0))
        let search = UnicodeText(call.string(1))
        var start = 0
        if call.has(2) {
            start = call.integer(2)
            if start < 0 { return .integer(-1) }
        }
        var end = text.count
        var endGiven = false
        if call.has(3), !call[3].isNull {
            end = call.integer(3)
            if end < start || end < 0 { return .integer(-1) }
            endGiven = true
        }
        if search.count == 0 { return .integer(last ? end + (endGiven ? 1 : 0) : start) }
        if text.count == 0 { return .integer(-1) }
        let candidates = text.occurrences(of: search, overlapping: true)
            .filter { $0 >= start && $0 + search.count - 1 <= end }
        return .integer((last ? candidates.last : candidates.first) ?? -1)
    }
}

/// Strips a set of characters from the ends of a string (TRIM, LTRIM,
/// RTRIM); the default set is ArangoDB's whitespace "\r\n\t ".
struct Trimmer {
    let characters: Set<Unicode.Scalar>

    init(characters: String?) {
        self.characters = Set((characters ?? "\r\n\t ").unicodeScalars)
    }

    func trim(_ text: String, left: Bool, right: Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        var lower = 0
        var upper = scalars.count
        if left { while lower < upper, characters.contains(scalars[lower]) { lower += 1 } }
        if right { while upper > lower, characters.contains(scalars[upper - 1]) { upper -= 1 } }
        return UnicodeText.string(scalars[lower..<upper])
    }
}

/// SUBSTITUTE(value, search, replace, limit) and
/// SUBSTITUTE(value, {search: replace, …}, limit).
///
/// Scans left to right; at each position the first search string (in the
/// order given) that matches is replaced, and scanning resumes after it.
/// Replacements missing from a shorter replace array delete the match,
/// unless replace was a single string, which then applies to every search
/// string. A limit of 0, or no search strings, returns the value as given
/// (not even cast to a string).
enum Substitution {
    static func evaluate(_ call: FunctionCall) -> JSON {
        var patterns: [String] = []
        var replacements: [String] = []
        var replaceIsPlainString = false
        var limit = -1
        switch call[1] {
        case .object(let mapping):
            guard call.count <= 3 else { return call.argumentCountWarning(2...3) }
            if call.has(2) { limit = call.integer(2) }
            for (key, value) in mapping.entries {
                patterns.append(key)
                switch value {
                case .null: replacements.append("")
                case .string(let s): replacements.append(s)
                default: return call.invalidArgument()
                }
            }
        case .array, .string:
            if case .string(let search) = call[1] { patterns = [search] }
            for search in call[1].arrayValue ?? [] {
                guard case .string(let s) = search else { return call.invalidArgument() }
                patterns.append(s)
            }
            guard let replace = replacementList(call) else { return call.invalidArgument() }
            (replacements, replaceIsPlainString) = replace
            if call.has(3) { limit = call.integer(3) }
        default:
            return call.invalidArgument()
        }
        if limit == 0 || patterns.isEmpty { return call[0] }

        let searches = patterns.map(UnicodeText.init)
        let text = UnicodeText(call.string(0))
        var result = String.UnicodeScalarView()
        var i = 0
        var copyFrom = 0
        var count = 0
        scan: while i < text.count {
            for (which, search) in searches.enumerated() where search.count > 0 && text.matches(search, at: i) {
                result.append(contentsOf: text.scalars[copyFrom..<i])
                if which < replacements.count {
                    result.append(contentsOf: replacements[which].unicodeScalars)
                } else if replaceIsPlainString {
                    result.append(contentsOf: replacements[0].unicodeScalars)
                }
                i += search.count
                copyFrom = i
                count += 1
                if limit != -1 && count >= limit { break scan }
                continue scan
            }
            i += 1
        }
        result.append(contentsOf: text.scalars[copyFrom...])
        return .string(String(result))
    }

    /// The replace argument of the positional form: an array of strings
    /// (null meaning ""), or one string for every search; nil when invalid.
    private static func replacementList(_ call: FunctionCall) -> (values: [String], plain: Bool)? {
        guard call.has(2) else { return ([], false) }
        switch call[2] {
        case .array(let values):
            var list: [String] = []
            for value in values {
                switch value {
                case .null: list.append("")
                case .string(let s): list.append(s)
                default: return nil
                }
            }
            return (list, false)
        case .string(let s):
            return ([s], true)
        default:
            return nil
        }
    }
}
