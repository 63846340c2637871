import C8CLI
import C8Core
import Foundation
import XCTest

/// The query and console benchmarks and the graph generator of
/// scripts/bench/query.sh, on tiny sizes: every row is there and shaped
/// right. (The figures themselves are recorded in Docs/BENCHMARKS.md, never
/// asserted.)
final class BenchWorkloadTests: DataDirTestCase {
    func testGenGraphWritesTheSameGraphForImportAndForSQL() throws {
        let directory = temporaryPath("graph")
        let run = c8(["bench", "--count", "50", "gen-graph", directory])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.hasPrefix("wrote 50 vertices and 500 edges"), run.stderr)
        let vertices = try String(contentsOfFile: directory + "/vertices.jsonl", encoding: .utf8).split(separator: "\n")
        let edges = try String(contentsOfFile: directory + "/edges.jsonl", encoding: .utf8).split(separator: "\n")
        let csv = try String(contentsOfFile: directory + "/edges.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(vertices.count, 50)
        XCTAssertEqual(edges.count, 500)
        XCTAssertEqual(csv.count, 500)
        for (line, row) in zip(edges, csv) {
            let edge = try JSON.parse(String(line))
            let from = try XCTUnwrap(edge["_from"].stringValue), to = try XCTUnwrap(edge["_to"].stringValue)
            XCTAssertEqual("\(from),\(to)", String(row))
            XCTAssertNotEqual(from, to, "no self-loops")
        }
        let again = temporaryPath("graph-again")
        XCTAssertEqual(c8(["bench", "--count", "50", "gen-graph", again]).status, 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: again + "/edges.csv")),
                       try Data(contentsOf: URL(fileURLWithPath: directory + "/edges.csv")), "deterministic")
    }

    func testQueryReportsEveryShape() {
        let run = c8(["bench", "--count", "500", "--runs", "3", "--scan-runs", "1", "query"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let rows = run.stdout.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| shape") }
        XCTAssertEqual(rows.map { $0.split(separator: "|")[0].trimmingCharacters(in: .whitespaces) },
                       ["floor", "key", "eq", "range", "collect", "traverse"], run.stdout)
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            XCTAssertEqual(cells.count, 5, String(row))
            XCTAssertNotNil(Double(cells[3]), "median µs in \(row)")
        }
        // Each shape answers what it should: one document per key, ten per range, ten cities.
        func rowsPerQuery(_ shape: String) -> Double? {
            rows.first { $0.hasPrefix("| \(shape) ") }.flatMap { Double($0.split(separator: "|")[4].trimmingCharacters(in: .whitespaces)) }
        }
        XCTAssertEqual(rowsPerQuery("key"), 1)
        XCTAssertEqual(rowsPerQuery("range"), 10)
        XCTAssertEqual(rowsPerQuery("collect"), 10)
        XCTAssertGreaterThan(rowsPerQuery("traverse") ?? 0, 10)
        XCTAssertTrue(run.stderr.contains("created a persistent index on docs.score"), run.stderr)
        // Having created indexes, the setup compacts once, before timing.
        let compacted = run.stderr.range(of: "compacted the store in ")
        XCTAssertNotNil(compacted, run.stderr)
        if let compacted, let indexed = run.stderr.range(of: "created a persistent index on docs.score"),
           let timed = run.stderr.range(of: "floor: median") {
            XCTAssertLessThan(indexed.lowerBound, compacted.lowerBound, run.stderr)
            XCTAssertLessThan(compacted.lowerBound, timed.lowerBound, run.stderr)
        }
    }

    func testQueryOnADataDirWithoutTheGraphSaysWhatIsMissing() throws {
        let dataDir = temporaryPath("data")
        try seed(dataDir, collection: "docs", [["_key": "d0"]])
        let run = c8(["bench", "query", "--data-dir", dataDir])
        XCTAssertEqual(run.status, 1, run.stdout)
        XCTAssertTrue(run.stderr.contains("has no collection verts"), run.stderr)
    }

    func testConsoleReportsEveryFigureAgainstItsGoal() {
        let dataDir = temporaryPath("console")
        let run = c8(["bench", "--count", "700", "--runs", "3", "--data-dir", dataDir, "console"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n")
        for measure in ["| render + diff, documents list", "| render + diff, one document's JSON", "| open data dir → first frame",
                        "| keypress → redraw", "| resident memory paging"] {
            let row = lines.first { $0.hasPrefix(measure) }
            XCTAssertNotNil(row, "\(measure) missing from\n\(run.stdout)")
            XCTAssertTrue(row.map { $0.hasSuffix("| met |") || $0.contains("| missed") } ?? false, String(row ?? ""))
        }
        // The memory trace starts at 0 and ends at the last document.
        XCTAssertTrue(lines.contains("| 0 |") || lines.contains { $0.hasPrefix("| 0 | ") }, run.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("| 700 | ") }, run.stdout)
        // A second run reuses the data dir.
        let again = c8(["bench", "--count", "700", "--runs", "3", "--data-dir", dataDir, "console"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("using \(dataDir): 700 documents"), again.stderr)
    }
}
