import Foundation
import XCTest

/// Runs the built `c8` executable as a user would, to prove that `main()`
/// wires arguments, output streams and exit statuses to the real process.
final class EndToEndTests: XCTestCase {
    func testHelpListsTheCommands() throws {
        let result = try runC8(["--help"])
        XCTAssertEqual(result.status, 0)
        for command in ["console", "serve", "query", "import", "export"] {
            XCTAssertTrue(result.stdout.contains("\n  \(command) "), "c8 --help does not list \(command)")
        }
        XCTAssertEqual(result.stderr, "")
    }

    func testVersion() throws {
        let result = try runC8(["--version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stdout, "c8 0.1.0\n")
    }

    func testUnknownCommandIsAUsageError() throws {
        let result = try runC8(["nope"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.hasPrefix("c8: unknown command 'nope'\n"), result.stderr)
        XCTAssertEqual(result.stdout, "")
    }

    func testMissingOptionValueGivesOneErrorLine() throws {
        let result = try runC8(["query", "--fabric"])
        XCTAssertEqual(result.status, 2)
        let lines = result.stderr.split(separator: "\n")
        XCTAssertEqual(lines.first, "c8 query: option --fabric needs a value")
        XCTAssertEqual(lines.filter { $0.hasPrefix("c8 query:") }.count, 1)
        XCTAssertEqual(lines.last, "Run 'c8 query --help' for more.")
    }

    func testImportHelp() throws {
        let result = try runC8(["import", "--help"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.hasPrefix("c8 import — "))
        XCTAssertTrue(result.stdout.contains("--collection C"))
    }

    // MARK: Helpers

    private struct ProcessResult {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the `c8` binary with `arguments` and no `C8_*` variables from
    /// the test's own environment.
    private func runC8(_ arguments: [String]) throws -> ProcessResult {
        let process = Process()
        process.executableURL = try C8Binary.url()
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("C8_") }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus,
                             stdout: String(decoding: stdout, as: UTF8.self),
                             stderr: String(decoding: stderr, as: UTF8.self))
    }

}
