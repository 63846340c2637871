import C8Core
import C8Engine
import Foundation
import XCTest

/// `c8 stream` on the embedded engine, in process. Each command opens the
/// data dir and closes it again, so they run one after the other.
final class StreamCommandTests: DataDirTestCase {
    private var dataDir = ""

    override func setUp() {
        super.setUp()
        dataDir = temporaryPath("streams")
    }

    private func stream(_ words: [String], stdin: String = "") -> Run {
        c8(["stream"] + words + ["--data-dir", dataDir], stdin: stdin)
    }

    /// Runs a tail that is expected to print `count` lines, parsed.
    private func tailLines(_ words: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [JSON] {
        let run = stream(["tail"] + words)
        XCTAssertEqual(run.status, 0, run.stderr, file: file, line: line)
        return try run.stdout.split(separator: "\n").map { try JSON.parse(String($0)) }
    }

    func testCreateListDelete() throws {
        XCTAssertEqual(stream(["create", "orders"]).stdout, "c8globals.orders\n")
        XCTAssertEqual(stream(["create", "--local", "audit"]).stdout, "c8locals.audit\n")
        let table = stream(["list"])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertEqual(table.stdout, """
            TOPIC             SCOPE   PERSISTENT
            c8globals.orders  global  yes
            c8locals.audit    local   yes

            """)
        let listed = try JSON.parse(stream(["list", "--json"]).stdout)
        XCTAssertEqual(listed.arrayValue?.map { $0["topic"] }, ["c8globals.orders", "c8locals.audit"])
        XCTAssertEqual(listed[1]["local"], true)
        XCTAssertEqual(listed[0]["persistent"], true)
        XCTAssertEqual(listed[0]["name"], "orders")

        let duplicate = stream(["create", "orders"])
        XCTAssertEqual(duplicate.status, 1)
        XCTAssertTrue(duplicate.stderr.hasPrefix("c8 stream: [1207]"), duplicate.stderr)

        // A bare name finds its stream; the topic works too.
        XCTAssertEqual(stream(["delete", "audit"]).status, 0)
        XCTAssertEqual(stream(["delete", "c8globals.orders"]).status, 0)
        XCTAssertEqual(try JSON.parse(stream(["list", "--json"]).stdout), [])
        let missing = stream(["delete", "orders"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("[404]") && missing.stderr.contains("orders"), missing.stderr)
    }

    /// `c8 query` and `c8 import` write through the engine with its stream
    /// service open, so a `hasStream` collection's changes are published.
    func testQueryAndImportChangesReachTheCollectionStream() throws {
        do {
            let engine = try Engine.open(directory: dataDir)
            var options = CollectionOptions()
            options.hasStream = true
            _ = try engine.fabric().createCollection("audited", options: options)
            engine.close()
        }
        let file = temporaryPath("audit.jsonl")
        try Data("{\"_key\": \"i1\"}\n{\"_key\": \"i2\"}\n".utf8).write(to: URL(fileURLWithPath: file))
        let imported = c8(["import", "--data-dir", dataDir, "--collection", "audited", file])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let queried = c8(["query", "--data-dir", dataDir, #"INSERT {_key: "q1"} INTO audited"#])
        XCTAssertEqual(queried.status, 0, queried.stderr)
        let lines = try tailLines(["audited", "--from", "earliest", "--count", "3"])
        XCTAssertEqual(lines.map { $0["payload"]["_key"] }, ["i1", "i2", "q1"])
    }

    func testABareNameOfTwoStreamsMustBeATopic() {
        _ = stream(["create", "twin"])
        _ = stream(["create", "--local", "twin"])
        let ambiguous = stream(["publish", "twin", "hello"])
        XCTAssertEqual(ambiguous.status, 1)
        XCTAssertTrue(ambiguous.stderr.contains("c8globals.twin and c8locals.twin"), ambiguous.stderr)
        XCTAssertEqual(stream(["publish", "c8locals.twin", "hello"]).status, 0)
    }

    func testPublishFromStandardInputThenTailFromEarliest() throws {
        _ = stream(["create", "events"])
        let published = stream(["publish", "--key", "k1", "--property", "source=test", "--property", "expr=a=b", "events"],
                               stdin: "{\"n\": 1}\nplain text\n\n42\r\nno newline at the end")
        XCTAssertEqual(published.status, 0, published.stderr)
        let ids = published.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(ids.count, 4, "one id per non-empty line: \(published.stdout)")
        _ = stream(["publish", "events", "after"])

        let lines = try tailLines(["--from", "earliest", "--count", "5", "events"])
        XCTAssertEqual(lines.count, 5)
        XCTAssertEqual(lines.prefix(4).map { $0["messageId"].stringValue ?? "" }, ids)
        XCTAssertEqual(lines.map { $0["payload"] }, [["n": 1], "plain text", 42, "no newline at the end", "after"])
        XCTAssertEqual(lines.map { $0["key"] }, ["k1", "k1", "k1", "k1", .null])
        XCTAssertEqual(lines[0]["properties"], ["expr": "a=b", "source": "test"])
        XCTAssertEqual(lines[4]["properties"], [:])
        XCTAssertEqual(lines[0].objectValue?.keys.map { $0 }, ["messageId", "publishTime", "key", "properties", "payload"])
        let format = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let time = try format.parse(lines[0]["publishTime"].stringValue ?? "")
        XCTAssertLessThan(abs(time.timeIntervalSinceNow), 60, "publishTime is ISO 8601 and recent")
    }

    func testQueueWorkerAcknowledgesWhatItPrinted() throws {
        _ = stream(["create", "jobs"])
        for n in 1...4 { _ = stream(["publish", "jobs", "job-\(n)"]) }
        let first = try tailLines(["--subscription", "workers", "--from", "earliest", "--count", "2", "jobs"])
        XCTAssertEqual(first.map { $0["payload"] }, ["job-1", "job-2"])
        // The next worker of the subscription starts after what was acknowledged.
        let second = try tailLines(["--subscription", "workers", "--type", "shared", "--count", "2", "jobs"])
        XCTAssertEqual(second.map { $0["payload"] }, ["job-3", "job-4"])
        // A reader keeps no cursor and sees everything still retained.
        let reader = try tailLines(["--from", "earliest", "--count", "4", "jobs"])
        XCTAssertEqual(reader.count, 4)
    }

    func testMisplacedOptionsAreUsageErrors() {
        _ = stream(["create", "s"])
        for (words, message) in [
            (["frob"], "unknown action 'frob'"),
            (["tail", "--force", "s"], "--force does not go with 'stream tail'"),
            (["list", "--count", "3"], "--count does not go with 'stream list'"),
            (["tail", "--type", "shared", "s"], "--type needs --subscription"),
            (["tail", "--subscription", "w", "--type", "round", "s"], "--type needs one of exclusive, shared, failover, key_shared"),
            (["tail", "--from", "now", "s"], "--from needs one of earliest, latest"),
            (["publish", "--property", "novalue", "s", "m"], "--property needs NAME=VALUE"),
            (["publish", "--property", "a=1", "--property", "a=2", "s", "m"], "property 'a' is given twice"),
            (["delete"], "missing argument TOPIC"),
            (["list", "extra"], "unexpected argument 'extra'"),
            (["tail", "s", "extra"], "unexpected argument 'extra'"),
        ] {
            let run = stream(words)
            XCTAssertEqual(run.status, 2, "\(words): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(message), "\(words): \(run.stderr)")
        }
    }

    func testSIGINTEndsATailWithStatusZero() throws {
        _ = stream(["create", "live"])
        _ = stream(["publish", "live", "first"])
        // The real binary in its own process: the data dir is its alone now.
        let tail = try ServerProcess(arguments: ["stream", "tail", "--from", "earliest", "live", "--data-dir", dataDir])
        defer { tail.kill() }
        // The first line is printed after the signal handlers are in place.
        _ = try tail.waitForLine(containing: "\"first\"")
        XCTAssertEqual(try tail.interrupt(), 0, tail.standardError)
        XCTAssertEqual(tail.standardError, "")
    }
}
