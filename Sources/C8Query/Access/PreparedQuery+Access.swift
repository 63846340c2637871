import C8Core

extension PreparedQuery {
    /// Every collection the plan names, once, in first-use order, with how
    /// the query touches it: literal names (FOR, modification targets,
    /// `WITH`, edge collections, function arguments), `@@` parameters as
    /// bound, and the edge and vertex collections of named graphs.
    ///
    /// A collection both read and written counts as written: the stronger
    /// need decides.
    var collectionUses: [(name: String, mode: CollectionAccessMode)] {
        var names = OrderedNames()
        for name in parsed.collections + referencedCollections + modifiedCollections { names.insert(name) }
        let written = Set(modifiedCollections)
        return names.list.map { ($0, written.contains($0) ? .write : .read) }
    }

    /// Asks `check` about every collection of ``collectionUses``, before
    /// anything runs, and returns their names (what the query may then use
    /// without asking again).
    /// - Throws: the first refusal `check` gives.
    @discardableResult
    func authorize(_ check: CollectionAccessCheck) throws(C8Error) -> [String] {
        let uses = collectionUses
        for use in uses { try check(use.name, use.mode) }
        return uses.map(\.name)
    }
}
