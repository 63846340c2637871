import C8Core

extension Engine {
    /// Calls `listener` with the changes of every committed write
    /// transaction that touched a collection in `scope` — with `hasStream`
    /// (``ChangeScope/streamed``, the default) or not `isLocal`
    /// (``ChangeScope/replicated``) — in staging order, one call per commit.
    /// Collections no listener hears cost nothing: their changes are never
    /// recorded. Removes of replicated collections leave a tombstone.
    ///
    /// The listener runs on the committing thread while the collections'
    /// writer locks are held (so one collection's changes arrive in commit
    /// order); it must not write to collections. Truncate, index builds
    /// and bulk ingestion are not changes (bulk inserts into a `hasStream`
    /// collection take the transactional path).
    /// - Returns: the id for ``removeChangeListener(_:)``.
    @discardableResult
    public func addChangeListener(
        scope: ChangeScope = .streamed, _ listener: @escaping @Sendable ([CollectionChange]) -> Void
    ) -> UInt64 {
        context.changeListeners.add(scope: scope, listener)
    }

    public func removeChangeListener(_ id: UInt64) {
        context.changeListeners.remove(id)
    }

    /// Calls `listener` after every change to the catalog (tenants,
    /// fabrics, collections, indexes), on the changing thread, with no
    /// catalog lock held.
    @discardableResult
    public func addCatalogListener(_ listener: @escaping @Sendable (CatalogChange) -> Void) -> UInt64 {
        context.catalogListeners.add(listener)
    }

    public func removeCatalogListener(_ id: UInt64) {
        context.catalogListeners.remove(id)
    }
}
