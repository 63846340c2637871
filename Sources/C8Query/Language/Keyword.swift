/// A reserved word of C8QL, matched case-insensitively.
///
/// The set is ArangoDB's lexer (3.5/3.6): a reserved word can never name a
/// variable, collection or object key unless quoted with backticks. The
/// words the C8 docs also list (KEEP, PRUNE, SEARCH, TO) and the pseudo
/// variables (OPTIONS, COUNT, CURRENT, NEW, OLD) are *not* here: ArangoDB's
/// grammar reads them as identifiers and checks their text where it expects
/// them (see ``ContextualWord``), so `doc.to` or `{keep: 1}` stay valid.
enum Keyword: String, CaseIterable, Sendable {
    case aggregate = "AGGREGATE"
    case all = "ALL"
    case and = "AND"
    case any = "ANY"
    case asc = "ASC"
    case collect = "COLLECT"
    case desc = "DESC"
    case distinct = "DISTINCT"
    case `false` = "FALSE"
    case filter = "FILTER"
    case `for` = "FOR"
    case graph = "GRAPH"
    case `in` = "IN"
    case inbound = "INBOUND"
    case insert = "INSERT"
    case into = "INTO"
    case kShortestPaths = "K_SHORTEST_PATHS"
    case `let` = "LET"
    case like = "LIKE"
    case limit = "LIMIT"
    case none = "NONE"
    case not = "NOT"
    case null = "NULL"
    case or = "OR"
    case outbound = "OUTBOUND"
    case remove = "REMOVE"
    case replace = "REPLACE"
    case `return` = "RETURN"
    case shortestPath = "SHORTEST_PATH"
    case sort = "SORT"
    case `true` = "TRUE"
    case update = "UPDATE"
    case upsert = "UPSERT"
    case with = "WITH"

    private static let byUppercaseName: [String: Keyword] =
        Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

    /// The keyword spelled by `word` in any letter case, or nil.
    static func matching(_ word: String) -> Keyword? {
        guard word.utf8.count <= 16 else { return nil }
        return byUppercaseName[word.uppercased()]
    }

    /// How ArangoDB's parser names the token in "unexpected …" messages.
    var tokenDescription: String {
        switch self {
        case .for, .let, .filter, .return, .collect, .sort, .limit: return "\(rawValue) declaration"
        case .remove, .insert, .update, .replace, .upsert: return "\(rawValue) command"
        case .distinct: return "DISTINCT modifier"
        case .null, .true, .false: return rawValue.lowercased()
        case .not: return "not operator"
        case .and: return "and operator"
        case .or: return "or operator"
        case .like: return "like operator"
        case .outbound, .inbound, .any, .all, .none: return "\(rawValue.lowercased()) modifier"
        case .asc, .desc, .in, .with, .into, .aggregate, .graph, .shortestPath, .kShortestPaths:
            return "\(rawValue) keyword"
        }
    }

    /// Keywords that begin a statement, and so a subquery.
    var startsStatement: Bool {
        switch self {
        case .for, .let, .filter, .collect, .sort, .limit, .return, .insert, .update, .replace, .remove, .upsert:
            return true
        default:
            return false
        }
    }

    /// The edge direction this keyword names in a graph FOR, if any.
    var traversalDirection: TraversalDirection? {
        switch self {
        case .outbound: return .outbound
        case .inbound: return .inbound
        case .any: return .any
        default: return nil
        }
    }

    /// The array quantifier this keyword names, if any.
    var arrayQuantifier: ArrayQuantifier? {
        switch self {
        case .any: return ArrayQuantifier.any
        case .all: return ArrayQuantifier.all
        case .none: return ArrayQuantifier.none
        default: return nil
        }
    }
}

/// Words that are ordinary identifiers except in one position of the
/// grammar, where ArangoDB compares their text instead of reserving them.
enum ContextualWord: String, Sendable {
    case options = "OPTIONS"
    case count = "COUNT"
    case keep = "KEEP"
    case prune = "PRUNE"
    case search = "SEARCH"
    case to = "TO"

    /// Whether `name` spells this word, in any letter case.
    func matches(_ name: String) -> Bool {
        name.utf8.count == rawValue.utf8.count && name.uppercased() == rawValue
    }
}

/// The names the engine binds implicitly. They are looked up by exact case
/// (as ArangoDB does) and only after the user's own variables.
enum PseudoVariable {
    /// The element under inspection inside `[* FILTER … RETURN …]`.
    static let current = "CURRENT"
    /// The document after INSERT, UPDATE, REPLACE or UPSERT.
    static let new = "NEW"
    /// The document before UPDATE, REPLACE, REMOVE or UPSERT.
    static let old = "OLD"
}
