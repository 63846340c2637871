import C8Core

extension Engine {
    /// Calls `listener` with the changes of every committed write
    /// transaction that touched a collection with `hasStream` (in staging
    /// order, one call per commit). Collections without `hasStream` cost
    /// nothing: their changes are never recorded.
    ///
    /// The listener runs on the committing thread while the collections'
    /// writer locks are held (so one collection's changes arrive in commit
    /// order); it must not write to collections. Truncate, index builds
    /// and bulk ingestion are not changes (bulk inserts into a `hasStream`
    /// collection take the transactional path).
    /// - Returns: the id for ``removeChangeListener(_:)``.
    @discardableResult
    public func addChangeListener(_ listener: @escaping @Sendable ([CollectionChange]) -> Void) -> UInt64 {
        context.changeListeners.add(listener)
    }

    public func removeChangeListener(_ id: UInt64) {
        context.changeListeners.remove(id)
    }
}
