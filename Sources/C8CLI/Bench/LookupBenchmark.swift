import C8Core
import C8Engine
import Foundation

/// `c8 bench lookups`: point lookups of random keys, in process, on one
/// thread — `DocumentCollection.document(key)`, as a query's `DOCUMENT()`
/// or a REST `GET` does it. The goal is ≥ 1 M/s on one core over
/// the durable engine (RocksDB). There is no peer in the same process, so
/// the rows compare with the goal; a second row runs the same lookups on
/// the in-memory engine, which shows what c8's document layer costs
/// without RocksDB's read path.
///
/// Both rows run with the engine's document cache (the default 256 MiB,
/// the collection's default `cacheEnabled`): the discarded warm-up pass
/// fills it, and the timed passes repeat the warm-up's keys. Two more rows
/// time the same lookups with `cacheEnabled` false — every lookup reads
/// storage — which is what a first read of a document costs; they run
/// first, before the cache holds anything.
struct LookupBenchmark {
    static let goal = 1_000_000.0

    var documents: Int
    var lookups: Int
    var runs: Int

    struct Row {
        var storage: String
        var lookupsPerSecond: Double
    }

    func run(log: (String) -> Void) throws -> [Row] {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("c8-bench-lookups-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let durable = try Engine.open(directory: directory)
        defer { durable.close() }
        let onRocksDB = try measure(durable, log: log)
        let inMemory = try measure(try Engine.inMemory(), log: log)
        return [
            Row(storage: "RocksDB", lookupsPerSecond: onRocksDB.cached),
            Row(storage: "in-memory engine", lookupsPerSecond: inMemory.cached),
            Row(storage: "RocksDB, cacheEnabled false", lookupsPerSecond: onRocksDB.uncached),
            Row(storage: "in-memory engine, cacheEnabled false", lookupsPerSecond: inMemory.uncached),
        ]
    }

    /// Loads the corpus into `engine` and returns the median lookups/s with
    /// the document cache and without.
    private func measure(_ engine: Engine, log: (String) -> Void) throws -> (cached: Double, uncached: Double) {
        let collection = try engine.fabric().createCollection("docs")
        let load = Stopwatch()
        var corpus = DocumentCorpus()
        var batch: [JSON] = []
        for i in 0..<documents {
            batch.append(corpus.compactDocument(i))
            if batch.count == 1000 || i == documents - 1 {
                for case .failure(let error) in try collection.insert(many: batch) { throw error }
                batch.removeAll(keepingCapacity: true)
            }
        }
        log("loaded \(NumberText.count(documents)) documents in \(NumberText.seconds(load.seconds)) (\(type(of: engine.storage)))")

        // Keys are made before timing, so only the lookups are measured.
        var random = SplitMix64(seed: 0x100C)
        let keys = (0..<lookups).map { _ in "d\(random.next() % UInt64(documents))" }
        try collection.setProperties(cacheEnabled: false)
        let uncached = try lookupsPerSecond(collection, keys: keys)
        try collection.setProperties(cacheEnabled: true)
        let cached = try lookupsPerSecond(collection, keys: keys)
        let cache = engine.documentCacheStatistics
        log("document cache: \(NumberText.count(cache.entries)) documents, \(NumberText.count(cache.bytes >> 20)) of "
            + "\(NumberText.count(cache.capacity >> 20)) MiB, \(NumberText.count(Int(cache.hits))) hits, "
            + "\(NumberText.count(Int(cache.misses))) misses, \(NumberText.count(Int(cache.evictions))) evictions")
        return (cached, uncached)
    }

    /// The median lookups/s of `runs` passes over `keys` after a discarded
    /// warm-up pass.
    private func lookupsPerSecond(_ collection: DocumentCollection, keys: [String]) throws -> Double {
        var times: [Double] = []
        for _ in 0...runs {  // the first pass warms the caches and is discarded
            var found = 0
            let stopwatch = Stopwatch()
            for key in keys {
                if try collection.document(key) != nil { found += 1 }
            }
            times.append(stopwatch.seconds)
            guard found == lookups else {
                throw C8Error(.internalError, "benchmark found \(found) of \(lookups) documents")
            }
        }
        return Double(lookups) / SideBySide.median(Array(times.dropFirst()))
    }
}
