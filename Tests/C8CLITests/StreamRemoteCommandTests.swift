import C8CLI
import C8Client
import C8Core
import Foundation
import Synchronization
import XCTest

/// `c8 stream` with `--url` against a real `c8 serve` process: several
/// commands at once on one stream, which the embedded data dir's lock rules out.
final class StreamRemoteCommandTests: DataDirTestCase {
    private static let key = "stream-cli-key"
    private var server: ServerProcess?
    private var url = ""

    override func setUpWithError() throws {
        let server = try ServerProcess(arguments: ["serve", "--data-dir", temporaryPath("served"), "--port", "0",
                                                   "--admin-key", Self.key])
        self.server = server
        let listening = try server.waitForLine(containing: "c8 serve: http on 127.0.0.1:")
        url = "http://127.0.0.1:\(listening.split(separator: ":").last ?? "")"
    }

    override func tearDown() {
        server?.kill()
        server = nil
        super.tearDown()
    }

    private func stream(_ words: [String], stdin: String = "") -> Run {
        c8(["stream"] + words + ["--url", url, "--api-key", Self.key], stdin: stdin)
    }

    /// Runs `c8 stream words…` on a thread of its own; `wait` returns its run.
    private final class Background: @unchecked Sendable {
        // @unchecked: `run` is written before `done` is signalled, read after.
        private let done = DispatchSemaphore(value: 0)
        private var run: Run?

        init(_ body: @escaping @Sendable () -> Run) {
            Thread.detachNewThread { [self] in
                run = body()
                done.signal()
            }
        }

        func wait(seconds: Double = 30) -> Run? {
            done.wait(timeout: .now() + seconds) == .success ? run : nil
        }
    }

    private func background(_ words: [String]) -> Background {
        let url = self.url
        return Background {
            let output = CapturedText(), errors = CapturedText()
            let status = CommandLineTool.run(arguments: ["stream"] + words + ["--url", url, "--api-key", Self.key],
                                             environment: [:], standardInput: .text(""),
                                             standardOutput: output, standardError: errors)
            return Run(status: status, stdout: output.text, stderr: errors.text)
        }
    }

    private func payloads(_ run: Run?) throws -> [JSON] {
        try (run?.stdout ?? "").split(separator: "\n").map { try JSON.parse(String($0))["payload"] }
    }

    /// Waits until the subscription has `count` connected consumers.
    private func waitForConsumers(_ count: Int, of subscription: String, on topic: String) throws {
        let connection = try RemoteConnection(url: url, credentials: .apiKey(Self.key))
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let semaphore = DispatchSemaphore(value: 0)
            let connected = Mutex<Int>(0)
            Task {
                let stats = try? await connection.streamStats(topic, in: "_system")
                connected.withLock { $0 = stats?["subscriptions"][subscription]["consumers"].arrayValue?.count ?? 0 }
                semaphore.signal()
            }
            semaphore.wait()
            if connected.withLock({ $0 }) >= count { return }
            Thread.sleep(forTimeInterval: 0.02)
        }
        XCTFail("\(count) consumers of \(subscription) never connected")
    }

    func testSharedWorkersSplitTheMessages() throws {
        XCTAssertEqual(stream(["create", "jobs"]).status, 0)
        let worker = ["tail", "--subscription", "pool", "--type", "shared", "--count", "5", "jobs"]
        let workers = [background(worker), background(worker)]
        try waitForConsumers(2, of: "pool", on: "c8globals.jobs")

        let published = stream(["publish", "jobs"], stdin: (1...10).map { "{\"job\": \($0)}\n" }.joined())
        XCTAssertEqual(published.status, 0, published.stderr)
        let runs = workers.map { $0.wait() }
        if runs.contains(where: { $0 == nil }) {
            // Free a worker stuck waiting, so the test ends and says why.
            _ = stream(["delete", "--force", "jobs"])
            XCTFail("a worker did not get its 5 messages: \(runs.map { $0?.stdout ?? "(still running)" })")
            return
        }
        for run in runs { XCTAssertEqual(run?.status, 0, run?.stderr ?? "") }
        let first = try payloads(runs[0]).map { Int($0["job"].intValue ?? 0) }
        let second = try payloads(runs[1]).map { Int($0["job"].intValue ?? 0) }
        XCTAssertEqual(first.count, 5)
        XCTAssertEqual(second.count, 5)
        XCTAssertEqual(Set(first).intersection(second), [], "no message goes to both workers")
        XCTAssertEqual(Set(first + second), Set(1...10))
        XCTAssertEqual(first, first.sorted(), "each worker sees its share in order")

        // Everything was acknowledged: a new worker of the pool gets only what comes next.
        let next = background(["tail", "--subscription", "pool", "--type", "shared", "--count", "1", "jobs"])
        try waitForConsumers(1, of: "pool", on: "c8globals.jobs")
        _ = stream(["publish", "jobs", "{\"job\": 11}"])
        XCTAssertEqual(try payloads(next.wait()), [["job": 11]])
    }

    func testTailFromLatestSkipsOlderMessages() throws {
        _ = stream(["create", "news"])
        _ = stream(["publish", "news", "old"])
        let tail = background(["tail", "--count", "2", "news"])
        // Publish until the tail has its two: it may connect after the first few.
        var sent = 0
        var run: Run?
        while run == nil && sent < 200 {
            sent += 1
            _ = stream(["publish", "news", "new-\(sent)"])
            run = tail.wait(seconds: 0.05)
        }
        run = run ?? tail.wait()
        XCTAssertEqual(run?.status, 0, run?.stderr ?? "")
        let seen = try payloads(run)
        XCTAssertEqual(seen.count, 2)
        XCTAssertFalse(seen.contains("old"), "\(seen)")
        XCTAssertTrue(seen.allSatisfy { $0.stringValue?.hasPrefix("new-") == true }, "\(seen)")
    }

    func testDeletingTheStreamEndsATailWithAFailure() throws {
        _ = stream(["create", "doomed"])
        let tail = background(["tail", "--subscription", "s", "doomed"])
        try waitForConsumers(1, of: "s", on: "c8globals.doomed")
        // Without --force the refusal says how to go on.
        let refused = stream(["delete", "doomed"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.hasSuffix("(--force deletes it anyway and disconnects them)\n"), refused.stderr)
        let deleted = stream(["delete", "--force", "doomed"])
        XCTAssertEqual(deleted.status, 0, deleted.stderr)
        let run = tail.wait()
        XCTAssertEqual(run?.status, 1)
        XCTAssertTrue(run?.stderr.contains("the tail of c8globals.doomed ended") == true, run?.stderr ?? "still running")
    }
}
