@testable import C8CLI
import C8Core
import C8Engine
import XCTest

/// `c8 export` in process, and the export → import round trip.
final class ExportCommandTests: DataDirTestCase {
    func testWritesOneDocumentPerLineWithKeyIdAndRevFirst() throws {
        let dataDir = temporaryPath("data")
        try seed(dataDir, collection: "users", [Self.document("b", 2), Self.document("a", 1)])
        let run = c8(["export", "--data-dir", dataDir, "--collection", "users"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 3, "two lines and the final newline")
        XCTAssertEqual(lines.last, "")
        let documents = try lines.dropLast().map { try JSON.parse(String($0)) }
        XCTAssertEqual(documents.map { $0.objectValue?.keys.prefix(3).map { $0 } ?? [] },
                       [["_key", "_id", "_rev"], ["_key", "_id", "_rev"]])
        XCTAssertEqual(documents.map { $0["_key"] }, ["a", "b"], "in _key order")
        XCTAssertEqual(documents.map { $0["_id"] }, ["users/a", "users/b"])
        XCTAssertEqual(documents[1]["n"], 2)
        XCTAssertFalse(documents[0]["_rev"].stringValue?.isEmpty ?? true)
    }

    func testRoundTripThroughAFileKeepsEveryKeyAndContent() throws {
        let source = temporaryPath("source"), target = temporaryPath("target")
        let file = temporaryPath("export.jsonl")
        let originals = (0..<2300).map(Self.varied)
        try seed(source, collection: "users", originals)

        let export = c8(["export", "--data-dir", source, "--collection", "users", file])
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertTrue(export.stdout.hasPrefix("exported 2,300 documents from users to \(file) in "), export.stdout)
        let imported = c8(["import", "--data-dir", target, "--collection", "copy", "--create", file])
        XCTAssertEqual(imported.status, 0, imported.stderr)

        let before = try XCTUnwrap(try contents(source, collection: "users"))
        let after = try XCTUnwrap(try contents(target, collection: "copy"))
        XCTAssertEqual(before.count, 2300)
        XCTAssertEqual(after, before)
        XCTAssertEqual(after["k7"], originals[7])
    }

    /// Document `i` with escapes, non-ASCII, doubles, nulls and nesting.
    private static func varied(_ i: Int) -> JSON {
        let tags: JSON = [.string("t\(i % 3)"), .null, .bool(i % 2 == 0)]
        let nested: JSON = ["deep": ["deeper": .int(Int64(-i))]]
        return ["_key": .string("k\(i)"), "name": .string("naïve \"quoted\"\t\(i) 東京 😀"), "n": .int(Int64(i)),
                "ratio": .double(Double(i) / 7), "tags": tags, "nested": nested]
    }

    func testProgressOnATerminalCountsTowardsTheCollectionSize() throws {
        let dataDir = temporaryPath("data")
        try seed(dataDir, collection: "users", (0..<1500).map { Self.document("k\($0)", $0) })
        let terminal = TerminalCapture()
        let run = c8(["export", "--data-dir", dataDir, "--collection", "users", temporaryPath("out.jsonl")],
                     standardError: terminal)
        XCTAssertEqual(run.status, 0, terminal.text)
        XCTAssertTrue(terminal.text.hasPrefix("\rexporting  66% ["), terminal.text)
        XCTAssertTrue(terminal.text.hasSuffix("\r\u{1B}[K"), "the bar is erased at the end")
    }

    func testEmptyCollectionExportsNothing() throws {
        let dataDir = temporaryPath("data")
        try seed(dataDir, collection: "empty", [])
        let run = c8(["export", "--data-dir", dataDir, "--collection", "empty"])
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stdout, "")
    }

    func testMissingCollectionIsError1203AndWritesNoFile() throws {
        let dataDir = temporaryPath("data")
        let file = temporaryPath("out.jsonl")
        let run = c8(["export", "--data-dir", dataDir, "--collection", "nope", file])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "c8 export: [1203] collection or view not found: nope\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: file))
    }

    func testADashIsStandardOutput() throws {
        let dataDir = temporaryPath("data")
        try seed(dataDir, collection: "users", [Self.document("a", 1)])
        let run = c8(["export", "--data-dir", dataDir, "--collection", "users", "-"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix(#"{"_key":"a","_id":"users/a""#), run.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/-"))
    }

    /// An export stopped part way (Ctrl-C asks the exporter to stop) leaves
    /// the file it would have replaced as it was, and no temporary file.
    func testAStoppedExportLeavesTheExistingFileAsItWas() throws {
        let dataDir = temporaryPath("data")
        try seed(dataDir, collection: "users", (0..<50).map { Self.document("k\($0)", $0) })
        let directory = temporaryPath("out")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let file = directory + "/keep.jsonl"
        try "precious\n".write(toFile: file, atomically: true, encoding: .utf8)
        try withEngine(dataDir) { engine in
            let exporter = DocumentExporter(collection: try engine.fabric().collection("users"))
            var asked = 0
            XCTAssertThrowsError(try exporter.run(to: try BufferedOutput(path: file), progress: nil, stopRequested: {
                asked += 1
                return asked > 10 ? "SIGINT" : nil
            })) { error in
                XCTAssertEqual((error as? CommandFailure)?.message, "interrupted by SIGINT; \(file) is left as it was")
            }
            XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "precious\n")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["keep.jsonl"], "no temporary file left")
            // Run to the end, the export replaces the file.
            XCTAssertEqual(try exporter.run(to: try BufferedOutput(path: file), progress: nil), 50)
            XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").count, 50)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["keep.jsonl"])
        }
    }

    func testUnknownFabricIsError1228() throws {
        let run = c8(["export", "--data-dir", temporaryPath("data"), "--fabric", "nowhere", "--collection", "c"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("c8 export: [1228] "), run.stderr)
    }

    func testDataDirDefaultsToXDGDataHomeThenHome() {
        XCTAssertEqual(DataDirectory.resolve(explicit: "/d", environment: ["XDG_DATA_HOME": "/x"]).path, "/d")
        XCTAssertEqual(DataDirectory.resolve(explicit: nil, environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]).path,
                       "/x/c8")
        XCTAssertEqual(DataDirectory.resolve(explicit: nil, environment: ["XDG_DATA_HOME": "rel", "HOME": "/h"]).path,
                       "/h/.local/share/c8", "a relative XDG_DATA_HOME is ignored, as the XDG spec says")
        XCTAssertEqual(DataDirectory.resolve(explicit: nil, environment: ["HOME": "/h"]).path, "/h/.local/share/c8")
    }

    func testDataDirComesFromTheEnvironmentVariable() throws {
        let dataDir = temporaryPath("data")
        try seed(dataDir, collection: "users", [Self.document("a", 1)])
        let output = CapturedText(), errors = CapturedText()
        let status = CommandLineTool.run(arguments: ["export", "--collection", "users"],
                                         environment: ["C8_DATA_DIR": dataDir],
                                         standardOutput: output, standardError: errors)
        XCTAssertEqual(status, 0, errors.text)
        XCTAssertTrue(output.text.hasPrefix("{\"_key\":\"a\",\"_id\":\"users/a\""), output.text)
    }
}
