import C8Client
import C8Core
import Foundation
import XCTest

/// The console on a new embedded data dir publishes demo ticks on
/// `c8globals.ticks` while it runs, and stops when it quits; with
/// `--no-demo-traffic` it publishes nothing. The real binary in tmux, then
/// the data dir read back once the console has let go of it.
final class ConsoleDemoTrafficTests: DataDirTestCase {
    /// Runs the console on a fresh data dir for about `seconds`, then quits it.
    private func runConsole(_ options: String, seconds: Double) throws -> String {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is installed by the README's test command")
        let home = temporaryPath("console-demo")
        let binary = try C8Binary.url().path
        let tmux = try TmuxSession(
            command: "\(binary) console --data-dir \(home)/data \(options)", width: 100, height: 30,
            environment: ["LANG": "C.UTF-8", "TERM": "xterm-256color", "XDG_CONFIG_HOME": home + "/config",
                          "XDG_STATE_HOME": home + "/state", "HOME": home, "EDITOR": ""])
        try tmux.waitFor(text: "sessions")
        // The traffic is one message a second: nothing to poll for while
        // the console holds the data dir, so give it time to publish some.
        Thread.sleep(forTimeInterval: seconds)
        try tmux.type(":q")
        try tmux.send("Enter")
        try tmux.waitFor(text: "EXIT=0")
        return home + "/data"
    }

    func testTicksArePublishedWhileTheConsoleRuns() throws {
        let dataDir = try runConsole("", seconds: 2.5)
        let run = c8(["stream", "tail", "--from", "earliest", "--count", "2", "ticks", "--data-dir", dataDir])
        XCTAssertEqual(run.status, 0, run.stderr)
        let ticks = try run.stdout.split(separator: "\n").map { try JSON.parse(String($0)) }
        XCTAssertEqual(ticks.map { $0["payload"]["seq"] }, [1, 2])
        XCTAssertEqual(ticks.map { $0["key"] }, ticks.map { $0["payload"]["symbol"] })
        XCTAssertNotNil(ticks.first?["payload"]["price"].doubleValue)
    }

    func testNoDemoTrafficPublishesNothing() throws {
        let dataDir = try runConsole("--no-demo-traffic", seconds: 1.5)
        let connection = try EmbeddedConnection.open(directory: dataDir)
        defer { connection.close() }
        let semaphore = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        Task {
            outcome.streams = try? await connection.streams(in: "_system")
            outcome.stats = try? await connection.streamStats(DemoTraffic.topic, in: "_system")
            semaphore.signal()
        }
        semaphore.wait()
        XCTAssertEqual(outcome.streams?.map(\.topic), ["c8globals.ticks"], "the demo stream is seeded all the same")
        XCTAssertEqual(outcome.stats?["msgInCounter"], 0)
    }

    private final class Outcome: @unchecked Sendable {
        // @unchecked: written before the semaphore is signalled, read after.
        var streams: [StreamSummary]?
        var stats: JSON?
    }
}
