import C8CLI
import C8Core
import C8Engine
import XCTest

/// `c8 import` into an empty collection: the whole input parsed on every
/// core and written with one bulk load — the same messages, line numbers
/// and all-or-nothing outcome as the batched import.
final class ImportBulkTests: DataDirTestCase {
    /// `count` lines `{"_key": "k<i>", "n": i}`, with `replace` applied.
    private func lines(_ count: Int, replacing replace: [Int: String] = [:]) -> String {
        (0..<count).map { replace[$0 + 1] ?? Self.line("k\($0)", $0) }.joined(separator: "\n")
    }

    func testLargeInputIsLoadedWhole() throws {
        let dataDir = temporaryPath("data")
        let file = try temporaryFile(lines(20_000) + "\n")
        let run = c8(["import", "--data-dir", dataDir, "--collection", "docs", "--create", file])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("imported 20,000 documents into docs"), run.stdout)
        let documents = try XCTUnwrap(try contents(dataDir, collection: "docs"))
        XCTAssertEqual(documents.count, 20_000)
        XCTAssertEqual(documents["k12345"], Self.document("k12345", 12345))
    }

    func testCorruptLineDeepInTheInputIsNamedAndNothingIsKept() throws {
        let dataDir = temporaryPath("data")
        try seed(dataDir, collection: "users", [])  // exists, empty: the bulk path
        let file = try temporaryFile(lines(15_000, replacing: [13_001: "{\"_key\": \"bad\", \"n\": tru}"]))
        let run = c8(["import", "--data-dir", dataDir, "--collection", "users", file])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("c8 import: line 13001, column 25: [600] "), run.stderr)
        XCTAssertTrue(run.stderr.hasSuffix("(nothing was imported)\n"), run.stderr)
        XCTAssertEqual(try contents(dataDir, collection: "users"), [:])
    }

    func testARefusedDocumentBeforeACorruptLineIsReportedFirst() throws {
        let dataDir = temporaryPath("data")
        let file = try temporaryFile(lines(9_000, replacing: [7_000: Self.line("k5", 5), 8_000: "{oops"]))
        let run = c8(["import", "--data-dir", dataDir, "--collection", "users", "--create", file])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("c8 import: line 7000: [1210] unique constraint violated"), run.stderr)
        XCTAssertTrue(run.stderr.contains("conflicting key: k5"), run.stderr)
        XCTAssertNil(try contents(dataDir, collection: "users"), "the collection this import created is dropped")
    }

    func testARefusedArrayElementBeforeABrokenArrayIsReportedFirst() throws {
        let dataDir = temporaryPath("data")
        let run = c8(["import", "--data-dir", dataDir, "--collection", "c", "--create", "-"],
                     stdin: "[{\"_key\": \"a\"},\n{\"_key\": \"a\"}, , {\"_key\": \"b\"}]")
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("c8 import: line 2, element [1]: [1210] "), run.stderr)
        XCTAssertNil(try contents(dataDir, collection: "c"))
    }

    func testSkipErrorsReportsEveryBadLineInOrderAndLoadsTheRest() throws {
        let dataDir = temporaryPath("data")
        let file = try temporaryFile(lines(12_000, replacing: [
            3: "{oops", 5: Self.line("k0", 0), 6: "42", 10_500: "{\"_key\": \"a b\"}", 11_000: "[1, 2",
        ]))
        let run = c8(["import", "--data-dir", dataDir, "--collection", "users", "--create", "--skip-errors", file])
        XCTAssertEqual(run.status, 0, run.stderr)
        let reports = run.stderr.split(separator: "\n")
        XCTAssertEqual(reports.count, 5, run.stderr)
        XCTAssertTrue(reports[0].hasPrefix("c8 import: skipped line 3, column 2: [600] "), run.stderr)
        XCTAssertTrue(reports[1].hasPrefix("c8 import: skipped line 5: [1210] "), run.stderr)
        XCTAssertTrue(reports[2].hasPrefix("c8 import: skipped line 6: [1227] "), run.stderr)
        XCTAssertTrue(reports[3].hasPrefix("c8 import: skipped line 10500: [1221] "), run.stderr)
        XCTAssertTrue(reports[4].hasPrefix("c8 import: skipped line 11000, column 6: [600] "), run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("imported 11,995 documents into users"), run.stdout)
        XCTAssertTrue(run.stdout.hasSuffix(", skipped 5\n"), run.stdout)
        XCTAssertEqual(try contents(dataDir, collection: "users")?.count, 11_995)
    }

    func testPastTheBulkLimitTheImportGoesOnInBatches() throws {
        let dataDir = temporaryPath("data")
        let file = try temporaryFile(lines(2_500))
        let run = c8(["import", "--data-dir", dataDir, "--collection", "docs", "--create", "--bulk-limit", "1000", file])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("imported 2,500 documents"), run.stdout)
        XCTAssertEqual(try contents(dataDir, collection: "docs")?.count, 2_500)

        // A refused document after the switch: what the batches inserted is removed again.
        let existing = temporaryPath("data2")
        try seed(existing, collection: "docs", [])
        let bad = try temporaryFile(lines(2_500, replacing: [2_400: Self.line("k3", 3)]))
        let refused = c8(["import", "--data-dir", existing, "--collection", "docs", "--bulk-limit", "1000", bad])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.hasPrefix("c8 import: line 2400: [1210] "), refused.stderr)
        XCTAssertTrue(refused.stderr.hasSuffix("(nothing was imported)\n"), refused.stderr)
        XCTAssertEqual(try contents(existing, collection: "docs"), [:])
    }

    func testBulkLimitZeroAlwaysImportsInBatches() throws {
        let dataDir = temporaryPath("data")
        let file = try temporaryFile(lines(1_200, replacing: [1_100: "{oops"]))
        let run = c8(["import", "--data-dir", dataDir, "--collection", "docs", "--create", "--bulk-limit", "0", file])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("c8 import: line 1100, column 2: [600] "), run.stderr)
        XCTAssertNil(try contents(dataDir, collection: "docs"))
        let negative = c8(["import", "--data-dir", dataDir, "--collection", "docs", "--bulk-limit", "-1", file])
        XCTAssertEqual(negative.status, 2, negative.stderr)
    }
}
