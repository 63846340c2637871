import C8Core
import C8Engine

extension Federation {
    /// Compacts every region's store in turn (each region keeps its own;
    /// see `Engine.compact()`): the step after a bulk load, as `VACUUM` is
    /// for PostgreSQL. A region down is compacted too — it is the links
    /// that are down, not its storage.
    /// - Throws: the first region's refusal (a read-only data dir: 1004).
    public func compact() throws(C8Error) {
        for region in regions { try region.engine.compact() }
    }
}
