import C8Core
import C8Engine
import Foundation

/// `c8 bench lookups`: point lookups of random keys, in process, on one
/// thread — `DocumentCollection.document(key)` over RocksDB, as a query's
/// `DOCUMENT()` or a REST `GET` does it. The goal is ≥ 1 M/s on one
/// core; there is no peer in the same process, so the row compares with
/// the goal.
struct LookupBenchmark {
    static let goal = 1_000_000.0

    var documents: Int
    var lookups: Int
    var runs: Int

    struct Outcome {
        var lookupsPerSecond: Double
        var loadSeconds: Double
    }

    func run(log: (String) -> Void) throws -> Outcome {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("c8-bench-lookups-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let engine = try Engine.open(directory: directory)
        defer { engine.close() }
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
        let loadSeconds = load.seconds
        log("loaded \(documents) documents in \(NumberText.seconds(loadSeconds)) (RocksDB in \(directory))")

        // Keys are made before timing, so only the lookups are measured.
        var random = SplitMix64(seed: 0x100C)
        let keys = (0..<lookups).map { _ in "d\(random.next() % UInt64(documents))" }
        var found = 0
        var times: [Double] = []
        for _ in 0...runs {  // the first pass warms the block cache and is discarded
            found = 0
            let stopwatch = Stopwatch()
            for key in keys {
                if try collection.document(key) != nil { found += 1 }
            }
            times.append(stopwatch.seconds)
        }
        guard found == lookups else {
            throw C8Error(.internalError, "benchmark found \(found) of \(lookups) documents")
        }
        let median = SideBySide.median(Array(times.dropFirst()))
        return Outcome(lookupsPerSecond: Double(lookups) / median, loadSeconds: loadSeconds)
    }
}
