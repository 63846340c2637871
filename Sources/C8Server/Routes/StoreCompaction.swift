import C8Core
import C8Engine

/// The stores a compaction request rewrites: every region's, since a
/// federation's regions each keep their own storage. A server whose one
/// engine serves every region compacts that engine once.
struct StoreCompaction: Sendable {
    let engines: [Engine]

    init(engines: [Engine]) {
        var distinct: [Engine] = []
        for engine in engines where !distinct.contains(where: { $0 === engine }) { distinct.append(engine) }
        self.engines = distinct
    }

    /// Compacts each region's store in turn; the first refusal (a read-only
    /// data dir: errorNum 1004) ends it.
    func compactAll() throws(C8Error) {
        for engine in engines { try engine.compact() }
    }
}
