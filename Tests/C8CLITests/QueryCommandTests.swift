@testable import C8CLI
import C8Core
import C8Engine
import Foundation
import XCTest

/// `c8 query` on an embedded data dir.
final class QueryCommandTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("c8-query-\(UUID().uuidString)").path
        let engine = try Engine.open(directory: directory)
        let users = try engine.fabric().createCollection("users")
        for (key, age) in [("ada", 36), ("alan", 41), ("grace", 85)] { try users.insert(["_key": .string(key), "age": .int(Int64(age))]) }
        engine.close()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func query(_ words: [String], stdin: String? = nil) -> (status: Int32, stdout: String, stderr: String) {
        var output = ""
        var errors = ""
        let status = CommandLineTool.run(arguments: ["query", "--data-dir", directory] + words, environment: [:],
                                         standardInput: stdin.map(StandardInput.text) ?? .process,
                                         stdout: &output, stderr: &errors)
        return (status, output, errors)
    }

    func testPrintsTheResultArray() {
        let result = query(["RETURN 6 * 7"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "[42]\n")
        let rows = query(["--bind", "{\"min\": 40}", "FOR u IN users FILTER u.age >= @min SORT u.age RETURN u._key"])
        XCTAssertEqual(rows.stdout, "[\"alan\",\"grace\"]\n", rows.stderr)
        XCTAssertEqual(query(["FOR u IN users FILTER u.age > 100 RETURN u"]).stdout, "[]\n")
    }

    func testJSONLinesPrettyAndExplain() throws {
        XCTAssertEqual(query(["--jsonl", "FOR i IN 1..3 RETURN {i}"]).stdout, "{\"i\":1}\n{\"i\":2}\n{\"i\":3}\n")
        XCTAssertEqual(query(["--pretty", "RETURN {a: [1]}"]).stdout, "[\n  {\n    \"a\": [\n      1\n    ]\n  }\n]\n")
        let explain = query(["--explain", "FOR u IN users FILTER u._key == \"ada\" RETURN u"])
        XCTAssertEqual(explain.status, 0, explain.stderr)
        XCTAssertEqual(try JSON.parse(explain.stdout)["plan"]["nodes"][1]["type"], "IndexNode")
        XCTAssertEqual(query(["--pretty", "--jsonl", "RETURN 1"]).status, ExitStatus.usage)
    }

    func testStdinAndManyRows() throws {
        XCTAssertEqual(query(["-"], stdin: "RETURN 'from stdin'").stdout, "[\"from stdin\"]\n")
        let many = query(["FOR i IN 1..20000 RETURN i"])
        let values = try JSON.parse(many.stdout).arrayValue
        XCTAssertEqual(values?.count, 20000)
        XCTAssertEqual(values?.last, 20000)
    }

    func testErrorsAreOneLineWithErrorNumAndPosition() {
        let parse = query(["FOR u IN users RETURN"])
        XCTAssertEqual(parse.status, 1)
        XCTAssertTrue(parse.stderr.hasPrefix("c8 query: [1501] "), parse.stderr)
        XCTAssertTrue(parse.stderr.contains("1:"), parse.stderr)
        XCTAssertEqual(parse.stderr.split(separator: "\n").count, 1)
        let missing = query(["FOR x IN nope RETURN x"])
        XCTAssertTrue(missing.stderr.contains("[1203]"), missing.stderr)
        XCTAssertEqual(query(["--bind", "[1]", "RETURN 1"]).status, ExitStatus.usage)
        let warning = query(["RETURN 1 / 0"])
        XCTAssertEqual(warning.stdout, "[null]\n")
        XCTAssertTrue(warning.stderr.contains("warning [1562]"), warning.stderr)
    }
}
