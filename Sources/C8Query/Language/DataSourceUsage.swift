/// Names in first-use order, each once.
struct OrderedNames: Sendable {
    private(set) var list: [String] = []
    private var seen: Set<String> = []

    /// Adds `name` unless present; true when it was new.
    @discardableResult
    mutating func insert(_ name: String) -> Bool {
        guard seen.insert(name).inserted else { return false }
        list.append(name)
        return true
    }

    func contains(_ name: String) -> Bool { seen.contains(name) }
}

/// What a query reads and writes, in the order the query does it.
///
/// It enforces ArangoDB's two ordering rules for data modifications: a
/// collection is modified at most once per query (1573) and is not read
/// after it was modified (1579). `@@` parameters are tracked by parameter
/// name; two parameters bound to the same collection can only be caught
/// after binding.
struct DataSourceUsage: Sendable {
    enum Violation: Error {
        case modifiedTwice
        case readAfterModification
    }

    private(set) var bindParameters = OrderedNames()
    private(set) var collectionBindParameters = OrderedNames()
    private(set) var collections = OrderedNames()
    private(set) var modifiedCollections = OrderedNames()
    private var modified: Set<CollectionReference.Source> = []

    /// Whether any statement, at any level, writes (a collection named or
    /// bound by `@@`).
    var modifiesData: Bool { !modified.isEmpty }

    mutating func useValueParameter(_ name: String) {
        bindParameters.insert(name)
    }

    /// Notes a reference that does not read documents (WITH).
    mutating func declare(_ source: CollectionReference.Source) {
        switch source {
        case .named(let name): collections.insert(name)
        case .parameter(let name): collectionBindParameters.insert(name)
        }
    }

    /// A FOR over the collection, an edge collection, a function argument.
    mutating func read(_ source: CollectionReference.Source) throws(Violation) {
        declare(source)
        if modified.contains(source) { throw .readAfterModification }
    }

    /// The target of INSERT, UPDATE, REPLACE, REMOVE or UPSERT.
    mutating func write(_ source: CollectionReference.Source) throws(Violation) {
        declare(source)
        guard modified.insert(source).inserted else { throw .modifiedTwice }
        if case .named(let name) = source { modifiedCollections.insert(name) }
    }
}
