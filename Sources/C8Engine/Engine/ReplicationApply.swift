import C8Core

/// Marks work done on behalf of another region: changes made while it is
/// active are reported with ``CollectionChange/isReplicated`` (and catalog
/// changes with ``CatalogChange/isReplicated``), so that the replicator that
/// applied them does not send them back out as this region's own.
///
/// A task-local value: set for the duration of one apply, on the applying
/// thread, invisible to writers on other threads.
public enum ReplicationApply {
    @TaskLocal public static var isActive = false

    /// Runs `body` as an apply of replicated changes.
    public static func run<Value>(_ body: () throws(C8Error) -> Value) throws(C8Error) -> Value {
        let result = $isActive.withValue(true) { Result { () throws(C8Error) -> Value in try body() } }
        return try result.get()
    }
}
