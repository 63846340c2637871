@testable import C8CLI
import XCTest

/// The bench command runs a real (small) measurement and refuses unknown workloads.
final class BenchCommandTests: XCTestCase {
    func testJSONBenchmarkPrintsRatiosForEveryRow() {
        var out = ""
        var err = ""
        let status = CommandLineTool.run(
            arguments: ["bench", "--size-mb", "1", "--runs", "1", "json"], environment: [:],
            stdout: &out, stderr: &err)
        XCTAssertEqual(status, 0, err)
        let rows = out.split(separator: "\n").filter { $0.hasPrefix("| parse") || $0.hasPrefix("| serialize") || $0.hasPrefix("| read") }
        XCTAssertEqual(rows.count, 3, out)
        for row in rows { XCTAssertTrue(row.hasSuffix("× |"), String(row)) }
        XCTAssertTrue(err.contains("documents"), err)
    }

    func testUnknownWorkloadIsAUsageError() {
        var out = ""
        var err = ""
        let status = CommandLineTool.run(arguments: ["bench", "nope"], environment: [:], stdout: &out, stderr: &err)
        XCTAssertEqual(status, 2)
        XCTAssertTrue(err.contains("unknown workload 'nope'"), err)
    }
}
