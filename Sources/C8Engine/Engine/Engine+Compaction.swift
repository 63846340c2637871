import C8Core
import C8Storage

extension Engine {
    /// Rewrites the region's whole store into one sorted run (see
    /// `StorageEngine.compact()`): every collection's documents and index
    /// entries, the catalog and the stream logs alike. After a bulk load and
    /// index builds the data lies on several levels, and each index seek
    /// positions every one of them; compacted, a traversal's edge seeks and
    /// index scans read one run (Docs/DECISIONS.md, "Compaction after bulk
    /// loads"). Blocks until done; reads and writes go on meanwhile.
    /// - Throws: errorNum 1004 (HTTP 503) when the store refuses writes.
    public func compact() throws(C8Error) {
        try storage.compact()
    }
}
