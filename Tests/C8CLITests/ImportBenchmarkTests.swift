import C8CLI
import C8Core
import Foundation
import XCTest

/// The ingest benchmark's pieces: `c8 bench gen-docs` (the shared input of
/// scripts/bench/ingest.sh) and `c8 bench lookups`, on small counts.
final class ImportBenchmarkTests: DataDirTestCase {
    func testGeneratedCorpusIsDeterministicSmallDocumentsThatImport() throws {
        let first = temporaryPath("gen-a.jsonl"), second = temporaryPath("gen-b.jsonl")
        for path in [first, second] {
            let run = c8(["bench", "--count", "2000", "gen-docs", path])
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertTrue(run.stderr.hasPrefix("wrote 2,000 documents, "), run.stderr)
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: first))
        XCTAssertEqual(bytes, try Data(contentsOf: URL(fileURLWithPath: second)), "same count, same bytes")
        let lines = bytes.split(separator: UInt8(ascii: "\n"))
        XCTAssertEqual(lines.count, 2000)
        let average = bytes.count / lines.count
        XCTAssertTrue((170...230).contains(average), "about 200 bytes per document, not \(average)")
        XCTAssertEqual(try JSON.parse(lines[41])["_key"], "d41")

        let dataDir = temporaryPath("data")
        let imported = c8(["import", "--data-dir", dataDir, "--collection", "docs", "--create", first])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertEqual(try contents(dataDir, collection: "docs")?.count, 2000)
    }

    func testGenDocsNeedsAFile() {
        let run = c8(["bench", "gen-docs"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.hasPrefix("c8 bench: gen-docs needs FILE"), run.stderr)
    }

    func testLookupsReportARowPerStorageAgainstTheGoal() {
        let run = c8(["bench", "--count", "2000", "--runs", "1", "lookups"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let rows = run.stdout.split(separator: "\n").filter { $0.hasPrefix("| point lookup") }
        // Each storage with the document cache, then without it.
        XCTAssertEqual(rows.count, 4, run.stdout)
        XCTAssertTrue(rows[0].contains("RocksDB | "), String(rows[0]))
        XCTAssertTrue(rows[1].contains("in-memory engine | "), String(rows[1]))
        XCTAssertTrue(rows[2].contains("RocksDB, cacheEnabled false | "), String(rows[2]))
        XCTAssertTrue(rows[3].contains("in-memory engine, cacheEnabled false | "), String(rows[3]))
        for row in rows { XCTAssertTrue(row.hasSuffix("× |") && row.contains("| 1,000,000 |"), String(row)) }
    }
}
