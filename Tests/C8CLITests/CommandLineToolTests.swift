import Foundation
import Synchronization
import XCTest
@testable import C8CLI

/// The tool in process: dispatch, exit statuses and the shape of what it
/// prints, without starting a process.
final class CommandLineToolTests: XCTestCase {
    func testVersion() {
        let result = runTool(["--version"])
        XCTAssertEqual(result.status, ExitStatus.success)
        XCTAssertEqual(result.stdout, "c8 0.1.0\n")
        XCTAssertEqual(result.stderr, "")
    }

    func testHelpGoesToStandardOutput() {
        let tool = runTool(["--help"]), short = runTool(["-h"]), command = runTool(["serve", "--help"])
        XCTAssertEqual(tool.status, ExitStatus.success)
        XCTAssertEqual(short.stdout, tool.stdout)
        XCTAssertTrue(tool.stdout.contains("Commands:"))
        XCTAssertEqual(command.status, ExitStatus.success)
        XCTAssertTrue(command.stdout.hasPrefix("c8 serve — "))
        XCTAssertEqual(tool.stderr + command.stderr, "")
    }

    func testServeRefusesABadRegionNameBeforeListening() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("c8-serve-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = runTool(["serve", "--data-dir", directory, "--regions", "us-east,EU_West", "--port", "0"])
        XCTAssertEqual(result.status, ExitStatus.failure)
        XCTAssertEqual(result.stderr, "c8 serve: [10] region name 'EU_West' must be 1 to 64 of a-z, 0-9 and '-'\n")
        XCTAssertEqual(result.stdout, "")
    }

    func testConsoleRefusesCacheSizesForARemoteEndpoint() {
        // Refused before connecting: nothing listens on port 1.
        let result = runTool(["console", "--url", "http://127.0.0.1:1", "--api-key", "k", "--edge-cache", "0"])
        XCTAssertEqual(result.status, ExitStatus.usage)
        XCTAssertTrue(result.stderr.hasPrefix(
            "c8 console: --edge-cache sizes the embedded engine's cache; a remote endpoint's server sizes its own\n"), result.stderr)
    }

    func testBareC8RunsTheConsole() {
        let result = runTool([])
        XCTAssertEqual(result.status, ExitStatus.failure)
        XCTAssertTrue(result.stderr.hasPrefix("c8 console: "))
    }

    func testUsageErrorIsOneLineThenUsageThenHint() {
        let result = runTool(["query", "--fabric"])
        XCTAssertEqual(result.status, ExitStatus.usage)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, """
            c8 query: option --fabric needs a value
            Usage: c8 query [--data-dir DIR | --url URL (--api-key KEY | --email EMAIL)]
                            [--insecure] [--regions r1,r2,...] [--fabric F] [--bind JSON]
                            [--pretty | --jsonl | --explain] QUERY
            Run 'c8 query --help' for more.

            """)
    }

    func testUnknownCommandAndTopLevelOption() {
        let command = runTool(["qeury"])
        XCTAssertEqual(command.status, ExitStatus.usage)
        XCTAssertEqual(command.stderr.split(separator: "\n").first, "c8: unknown command 'qeury' (did you mean query?)")
        XCTAssertTrue(command.stderr.hasSuffix("Run 'c8 --help' for more.\n"))
        let option = runTool(["--verbose"])
        XCTAssertEqual(option.status, ExitStatus.usage)
        XCTAssertEqual(option.stderr.split(separator: "\n").first, "c8: unknown option --verbose")
    }

    func testEnvironmentReachesTheCommand() {
        let recorder = RecordedArguments()
        let result = runTool(["probe", "--url", "https://typed"], registry: probeRegistry(recorder),
                             environment: ["C8_URL": "https://env", "C8_API_KEY": "key"])
        XCTAssertEqual(result.status, ExitStatus.success)
        XCTAssertEqual(recorder.arguments?.value(.url), "https://typed")
        XCTAssertEqual(recorder.arguments?.value(.apiKey), "key")
    }

    func testThrownErrorsMapToExitStatuses() {
        let cases: [(any Error, Int32, String)] = [
            (CommandFailure("disk full"), ExitStatus.failure, "c8 probe: disk full\n"),
            (UsageError.invalid("--url must start with http"), ExitStatus.usage, "c8 probe: --url must start with http\n"),
            (CocoaError(.fileNoSuchFile), ExitStatus.failure, "c8 probe: "),
        ]
        for (error, status, stderrPrefix) in cases {
            let registry = probeRegistry(RecordedArguments()) { _ in throw error }
            let result = runTool(["probe"], registry: registry)
            XCTAssertEqual(result.status, status, "\(error)")
            XCTAssertTrue(result.stderr.hasPrefix(stderrPrefix), result.stderr)
        }
    }

    func testCommandWritesThroughTheContext() {
        let registry = probeRegistry(RecordedArguments()) { context in
            context.standardOutput.writeLine("[]")
            return 7
        }
        let result = runTool(["probe"], registry: registry)
        XCTAssertEqual(result.status, 7)
        XCTAssertEqual(result.stdout, "[]\n")
    }

    // MARK: Helpers

    private func probeRegistry(_ recorder: RecordedArguments,
                               behaviour: @escaping @Sendable (CommandContext) throws -> Int32 = { _ in 0 })
        -> CommandRegistry {
        let spec = CommandSpec(name: "probe", summary: "records its arguments",
                               usage: ["[--url URL --api-key KEY]"], description: "For tests.",
                               options: [.url, .apiKey])
        return CommandRegistry(commands: [ProbeCommand(spec: spec, recorder: recorder, behaviour: behaviour)],
                               defaultCommandName: "probe")
    }
}

/// The result of one in-process run.
struct ToolResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `c8` in process with the given words.
func runTool(_ words: [String], registry: CommandRegistry = .standard,
             environment: [String: String] = [:]) -> ToolResult {
    var stdout = "", stderr = ""
    let status = CommandLineTool.run(arguments: words, environment: environment, registry: registry,
                                     stdout: &stdout, stderr: &stderr)
    return ToolResult(status: status, stdout: stdout, stderr: stderr)
}

/// Holds the arguments a `ProbeCommand` received.
final class RecordedArguments: Sendable {
    private let stored = Mutex<ParsedArguments?>(nil)

    var arguments: ParsedArguments? {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}

/// A command whose behaviour the test supplies.
struct ProbeCommand: Command {
    let spec: CommandSpec
    let recorder: RecordedArguments
    let behaviour: @Sendable (CommandContext) throws -> Int32

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        recorder.arguments = arguments
        return try behaviour(context)
    }
}
