import C8CLI
import XCTest

final class DemoCommandTests: XCTestCase {
    private func demo(_ words: [String]) -> (status: Int32, stdout: String, stderr: String) {
        var output = ""
        var errors = ""
        let status = CommandLineTool.run(arguments: ["demo"] + words, environment: [:], standardInput: .process,
                                         stdout: &output, stderr: &errors)
        return (status, output, errors)
    }

    func testTheDemoTellsTheMultiRegionStory() {
        let result = demo([])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.contains("eu-west") && $0.contains("has it after") }, result.stdout)
        // Each region gets the write no sooner than its link's latency.
        let apSouth = lines.first { $0.contains("ap-south") && $0.contains("has it after") } ?? ""
        let delay = Int(apSouth.split(separator: " ").dropLast().last ?? "") ?? 0
        XCTAssertGreaterThanOrEqual(delay, 200, apSouth)
        XCTAssertTrue(lines.contains { $0.contains("us-east") && $0.contains("sees city = Paris") }, result.stdout)
        XCTAssertTrue(lines.contains { $0.contains("partitioned, 1 change(s) waiting") }, result.stdout)
        XCTAssertTrue(result.stdout.contains("every region has city = Rome"), result.stdout)
        XCTAssertTrue(result.stdout.contains("conflicts resolved: 1"), result.stdout)
    }

    func testTheDemoNeedsTwoRegions() {
        let result = demo(["--regions", "solo"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("at least two regions"), result.stderr)
    }
}
