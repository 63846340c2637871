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
        return [
            Row(storage: "RocksDB", lookupsPerSecond: try measure(durable, log: log)),
            Row(storage: "in-memory engine", lookupsPerSecond: try measure(try Engine.inMemory(), log: log)),
        ]
    }

    /// Loads the corpus into `engine` and returns the median lookups/s.
    private func measure(_ engine: Engine, log: (String) -> Void) throws -> Double {
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
