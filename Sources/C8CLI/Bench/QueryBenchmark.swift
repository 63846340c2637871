import C8Cluster
import C8Core
import C8Engine
import C8Query
import Dispatch
import Foundation

/// `c8 bench query`: the c8 side of scripts/bench/query.sh — each query
/// shape of the issue run many times in process through
/// `QueryEngine.query(_:bindVariables:fabric:)` (parse, plan, execute, all
/// results materialized as `JSON` values), one client thread, warm caches,
/// the median latency per shape in microseconds.
///
/// With `--data-dir` it runs on a data directory the script loaded with
/// `c8 import` (`docs` from gen-docs, `verts` and the edge collection
/// `edges` from gen-graph) and adds the persistent indexes the peers get
/// too (on `created` and `score`) when missing — and, when it added any,
/// compacts the store once, as the peers run ANALYZE. Without, it builds a
/// temporary one of `--count` documents and a graph of count / 10 vertices
/// and count edges — for tests and quick looks.
///
/// Each shape draws its parameters (key, date, score range, start vertex)
/// from a seeded generator before timing, uniformly over the same ranges
/// the SQLite and PostgreSQL sides use.
struct QueryBenchmark {
    var dataDirectory: String?
    /// Documents to generate when there is no data directory.
    var documents: Int
    /// Timed runs of each indexed shape (after `warmUp` discarded ones).
    var runs: Int
    /// Timed runs of the full-scan shape (after one discarded).
    var scanRuns: Int
    /// Only this shape (for profiling one); nil runs them all.
    var only: String? = nil

    struct Shape: Sendable {
        var name: String
        var summary: String
        var query: String
        var isScan: Bool
        var parameters: @Sendable (inout SplitMix64, Sizes) -> JSONObject
    }

    struct Sizes: Sendable {
        var documents: Int
        var vertices: Int
    }

    struct Row {
        var shape: Shape
        var runs: Int
        var medianMicroseconds: Double
        var rowsPerQuery: Double
    }

    /// The shapes, in report order. Names match scripts/bench/query.sh.
    static let shapes: [Shape] = [
        Shape(name: "floor", summary: "empty query (what the harness itself costs)",
              query: "RETURN 1", isScan: false) { _, _ in JSONObject() },
        Shape(name: "key", summary: "point lookup by _key",
              query: "FOR d IN docs FILTER d._key == @key RETURN d", isScan: false) { random, sizes in
            ["key": .string("d\(random.next() % UInt64(sizes.documents))")]
        },
        Shape(name: "eq", summary: "equality on an indexed attribute (created, ~200 matches in 1 M)",
              query: "FOR d IN docs FILTER d.created == @date RETURN d", isScan: false) { random, _ in
            ["date": .string(date(&random))]
        },
        Shape(name: "range", summary: "range + SORT + LIMIT 10 on an indexed attribute (score)",
              query: "FOR d IN docs FILTER d.score >= @lo AND d.score < @hi SORT d.score LIMIT 10 RETURN d",
              isScan: false) { random, _ in
            let lo = Int64(random.next() % 90)
            return ["lo": .int(lo), "hi": .int(lo + 10)]
        },
        Shape(name: "collect", summary: "full scan, COLLECT by city (10 values) with COUNT and SUM",
              query: "FOR d IN docs COLLECT city = d.city AGGREGATE n = COUNT(1), total = SUM(d.score) "
                  + "RETURN {city, n, total}", isScan: true) { _, _ in JSONObject() },
        Shape(name: "traverse", summary: "1..3-hop OUTBOUND traversal, keys of the vertices reached",
              query: "FOR v IN 1..3 OUTBOUND @start edges RETURN v._key", isScan: false) { random, sizes in
            ["start": .string(GraphFileGenerator.vertexId(Int(random.next() % UInt64(sizes.vertices))))]
        },
    ]

    /// A `created` value as gen-docs writes them: 2010–2024, day 1–28.
    static func date(_ random: inout SplitMix64) -> String {
        let year = 2010 + random.next() % 15, month = 1 + random.next() % 12, day = 1 + random.next() % 28
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    static let indexedAttributes = ["created", "score"]

    func run(log: (String) -> Void) throws -> [Row] {
        var temporary: String?
        let directory: String
        if let dataDirectory {
            directory = dataDirectory
        } else {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("c8-bench-query-\(UUID().uuidString)").path
            temporary = directory
        }
        defer { if let temporary { try? FileManager.default.removeItem(atPath: temporary) } }
        // The directory as the commands open it (the script loads it as one
        // region, so its engine is measured alone).
        let federation = try Federation.open(directory: directory, regionNames: temporary != nil ? ["us-east"] : nil)
        defer { federation.close() }
        let engine = federation.localRegion.engine
        let fabric = try engine.fabric()
        if temporary != nil { try Self.load(fabric, documents: documents, log: log) }
        for name in ["docs", GraphFileGenerator.vertexCollection, GraphFileGenerator.edgeCollection] where !fabric.hasCollection(name) {
            throw CommandFailure("\(directory) has no collection \(name); scripts/bench/query.sh loads it")
        }
        // New indexes are written beside the bulk-loaded tables, leaving the
        // store on several levels; compacted once, it is measured as the
        // peers are after ANALYZE / VACUUM ANALYZE (Docs/DECISIONS.md,
        // "Compaction after bulk loads"). Only then: a store the benchmark
        // found indexed is measured as it is.
        if try Self.ensureIndexes(try fabric.collection("docs"), log: log) {
            let stopwatch = Stopwatch()
            try federation.compact()
            log("compacted the store in \(NumberText.seconds(stopwatch.seconds))")
        }
        let sizes = Sizes(documents: try fabric.collection("docs").count,
                          vertices: try fabric.collection(GraphFileGenerator.vertexCollection).count)
        guard sizes.documents > 0, sizes.vertices > 1 else { throw CommandFailure("\(directory) holds no documents to query") }

        if let only, !Self.shapes.contains(where: { $0.name == only }) {
            throw UsageError.invalid("unknown query shape '\(only)'; available: \(Self.shapes.map(\.name).joined(separator: ", "))")
        }
        let queries = QueryEngine(engine: engine)
        var random = SplitMix64(seed: 0x9E4)
        var rows: [Row] = []
        for shape in Self.shapes where only == nil || shape.name == only {
            let timed = shape.isScan ? scanRuns : runs
            // As many discarded runs as timed ones (scripts/bench/query.sh
            // does the same on every side): with 20, the document cache of
            // this fresh process was still filling while the timed runs of a
            // traversal went on (a third of its vertex checks missed), where
            // PostgreSQL's shared buffers stay warm from round to round.
            let warmUp = shape.isScan ? 1 : timed
            let parameters = (0..<(warmUp + timed)).map { _ in shape.parameters(&random, sizes) }
            var times: [Double] = []
            var results = 0
            for (i, bind) in parameters.enumerated() {
                let start = DispatchTime.now().uptimeNanoseconds
                let found = try queries.query(shape.query, bindVariables: bind, fabric: fabric)
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3
                guard i >= warmUp else { continue }
                times.append(elapsed)
                results += found.count
            }
            let row = Row(shape: shape, runs: timed, medianMicroseconds: SideBySide.median(times),
                          rowsPerQuery: Double(results) / Double(timed))
            log("\(shape.name): median \(Self.format(row.medianMicroseconds)) µs over \(timed) runs, "
                + "\(Self.format(row.rowsPerQuery)) rows per query")
            rows.append(row)
        }
        return rows
    }

    /// Adds the benchmark's persistent indexes to `docs` when missing.
    /// - Returns: whether it created any.
    @discardableResult
    static func ensureIndexes(_ docs: DocumentCollection, log: (String) -> Void) throws -> Bool {
        var createdAny = false
        for attribute in indexedAttributes {
            let stopwatch = Stopwatch()
            let (_, created) = try docs.createIndex(["type": "persistent", "fields": [.string(attribute)]])
            if created { log("created a persistent index on docs.\(attribute) in \(NumberText.seconds(stopwatch.seconds))") }
            createdAny = createdAny || created
        }
        return createdAny
    }

    /// Fills an empty fabric with `documents` gen-docs documents and the
    /// gen-graph graph of documents / 10 vertices, as the script's imports do.
    static func load(_ fabric: Fabric, documents: Int, log: (String) -> Void) throws {
        let stopwatch = Stopwatch()
        let docs = try fabric.createCollection("docs")
        var corpus = DocumentCorpus()
        try insert(into: docs, count: documents) { corpus.compactDocument($0) }
        let graph = GraphFileGenerator(vertices: max(2, documents / 10))
        let verts = try fabric.createCollection(GraphFileGenerator.vertexCollection)
        try insert(into: verts, count: graph.vertices) { GraphFileGenerator.vertex($0) }
        let edges = try fabric.createCollection(GraphFileGenerator.edgeCollection, options: CollectionOptions(type: .edge))
        var batch: [JSON] = []
        try graph.forEachEdge { i, from, to in
            batch.append(GraphFileGenerator.edge(i, from: from, to: to))
            if batch.count == 1000 || i == graph.edges - 1 {
                for case .failure(let error) in try edges.insert(many: batch) { throw error }
                batch.removeAll(keepingCapacity: true)
            }
        }
        log("loaded \(NumberText.count(documents)) documents, \(NumberText.count(graph.vertices)) vertices and "
            + "\(NumberText.count(graph.edges)) edges in \(NumberText.seconds(stopwatch.seconds))")
    }

    static func insert(into collection: DocumentCollection, count: Int, _ make: (Int) -> JSON) throws {
        var batch: [JSON] = []
        for i in 0..<count {
            batch.append(make(i))
            if batch.count == 1000 || i == count - 1 {
                for case .failure(let error) in try collection.insert(many: batch) { throw error }
                batch.removeAll(keepingCapacity: true)
            }
        }
    }

    static func format(_ value: Double) -> String {
        value >= 100 ? String(Int(value.rounded())) : String(format: "%.1f", value)
    }
}
