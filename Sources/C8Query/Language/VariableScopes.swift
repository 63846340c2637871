/// The variables visible at the parser's position, scoped as ArangoDB's
/// `Scopes` are.
///
/// A query (and each subquery) starts a scope; every FOR opens a loop
/// scope; COLLECT closes the loop scopes of its query level and opens its
/// own, which is how it hides the loop's variables while those declared
/// before the first FOR stay visible. Variables of enclosing queries are
/// visible in subqueries, and no name may be declared twice among all
/// visible scopes.
struct VariableScopes {
    enum Kind: Sendable {
        case main, subquery, loop, collect
    }

    private struct Scope {
        var kind: Kind
        var names: Set<String> = []
        /// Pseudo variables set by data modifications (`NEW`, `OLD`), kept
        /// apart so that a user variable of the same name never clashes.
        var pseudo: Set<String> = []
    }

    private var scopes = [Scope(kind: .main)]
    /// Every user variable declared so far, in or out of scope.
    private(set) var everDeclared: Set<String> = []

    /// The innermost scope's kind: `.main`/`.subquery` before the first FOR
    /// of a query level.
    var innermostKind: Kind { scopes[scopes.count - 1].kind }

    func contains(_ name: String) -> Bool {
        scopes.contains { $0.names.contains(name) }
    }

    func containsPseudo(_ name: String) -> Bool {
        scopes.contains { $0.pseudo.contains(name) }
    }

    /// Declares a user variable in the innermost scope; the caller has
    /// checked the name.
    mutating func declare(_ name: String) {
        scopes[scopes.count - 1].names.insert(name)
        everDeclared.insert(name)
    }

    /// Declares `NEW` or `OLD`; a later modification simply sets it again.
    mutating func declarePseudo(_ name: String) {
        scopes[scopes.count - 1].pseudo.insert(name)
    }

    mutating func beginLoop() {
        scopes.append(Scope(kind: .loop))
    }

    mutating func beginSubquery() {
        scopes.append(Scope(kind: .subquery))
    }

    /// Closes the subquery scope and everything opened inside it.
    mutating func endSubquery() {
        while let last = scopes.last, last.kind != .subquery, scopes.count > 1 { scopes.removeLast() }
        if scopes.count > 1 { scopes.removeLast() }
    }

    /// Closes the loop and COLLECT scopes of the current query level.
    mutating func endNestedLoops() {
        while let last = scopes.last, last.kind == .loop || last.kind == .collect { scopes.removeLast() }
    }

    /// Starts the scope of a COLLECT: hides the loops of this query level.
    /// A COLLECT outside any loop declares into the current scope instead.
    mutating func beginCollect() {
        guard innermostKind == .loop || innermostKind == .collect else { return }
        endNestedLoops()
        scopes.append(Scope(kind: .collect))
    }
}
