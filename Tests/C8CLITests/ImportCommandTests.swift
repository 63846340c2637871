import C8CLI
import C8Core
import C8Engine
import XCTest

/// `c8 import` end to end in process: into a temp data dir, read back
/// through `Engine.open`.
final class ImportCommandTests: DataDirTestCase {
    func testImportsJSONLinesSkippingBlankLinesAndCarriageReturns() throws {
        let dataDir = temporaryPath("data")
        let file = try temporaryFile(Self.line("a", 1) + "\r\n\n  \n" + Self.line("b", 2, "\"s\":\"é ✓\"") + "\n"
                                     + Self.line("c", 3))
        let run = c8(["import", "--data-dir", dataDir, "--collection", "users", "--create", file])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("imported 3 documents into users in "), run.stdout)
        XCTAssertTrue(run.stdout.hasSuffix(" docs/s)\n"), run.stdout)
        XCTAssertEqual(run.stderr, "")
        XCTAssertEqual(try contents(dataDir, collection: "users"), [
            "a": Self.document("a", 1),
            "b": ["_key": "b", "n": 2, "s": "é ✓"],
            "c": Self.document("c", 3),
        ])
    }

    func testImportsAJSONArraySpanningLinesWithTrickyStrings() throws {
        let dataDir = temporaryPath("data")
        let file = try temporaryFile("""
              [
              {"_key": "a", "text": "a ] and a , and a \\" quote", "nested": [[1, {"x": "}"}], []]},
              {"_key": "b",
               "n": 2},
              {"_key": "c"}
              ]
            """, name: "docs.json")
        let run = c8(["import", "--data-dir", dataDir, "--collection", "things", "--create", file])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("imported 3 documents into things"), run.stdout)
        let documents = try XCTUnwrap(try contents(dataDir, collection: "things"))
        XCTAssertEqual(documents["a"]?["text"], "a ] and a , and a \" quote")
        XCTAssertEqual(documents["a"]?["nested"], [[1, ["x": "}"]], []])
        XCTAssertEqual(documents["b"], Self.document("b", 2))
        XCTAssertEqual(documents.count, 3)
    }

    func testImportsManyBatchesFromStandardInput() throws {
        let dataDir = temporaryPath("data")
        let lines = (0..<2500).map { Self.line("k\($0)", $0) }.joined(separator: "\n")
        let run = c8(["import", "--data-dir", dataDir, "--collection", "piped", "--create", "-"], stdin: lines)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("imported 2,500 documents into piped"), run.stdout)
        let documents = try XCTUnwrap(try contents(dataDir, collection: "piped"))
        XCTAssertEqual(documents.count, 2500)
        XCTAssertEqual(documents["k2499"], Self.document("k2499", 2499))
    }

    func testCorruptLineAbortsNamingTheLineAndKeepsNothing() throws {
        let dataDir = temporaryPath("data")
        let before = [Self.document("old1", 1), ["_key": "old2", "deep": ["x": [1, 2]]]]
        try seed(dataDir, collection: "users", before)
        // 2,100 good lines (two batches are committed before the bad line), then a broken one.
        var lines = (0..<2100).map { Self.line("new\($0)", $0) }
        lines.append("{\"_key\": \"bad\", \"n\": tru}")
        lines += (0..<10).map { Self.line("after\($0)", $0) }
        let file = try temporaryFile(lines.joined(separator: "\n"))

        let run = c8(["import", "--data-dir", dataDir, "--collection", "users", file])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("c8 import: line 2101, column 25: [600] "), run.stderr)
        XCTAssertTrue(run.stderr.hasSuffix("(nothing was imported)\n"), run.stderr)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1)
        XCTAssertEqual(run.stdout, "")
        XCTAssertEqual(try contents(dataDir, collection: "users"),
                       ["old1": before[0], "old2": before[1]])
    }

    func testDuplicateKeyAbortsNamingTheLineAndKeepsNothing() throws {
        let dataDir = temporaryPath("data")
        try seed(dataDir, collection: "users", [Self.document("taken", 0)])
        let file = try temporaryFile([Self.line("a", 1), Self.line("b", 2), Self.line("taken", 3), Self.line("c", 4)]
            .joined(separator: "\n"))

        let run = c8(["import", "--data-dir", dataDir, "--collection", "users", file])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("c8 import: line 3: [1210] unique constraint violated"), run.stderr)
        XCTAssertTrue(run.stderr.contains("conflicting key: taken"), run.stderr)
        XCTAssertEqual(try contents(dataDir, collection: "users"), ["taken": Self.document("taken", 0)])
    }

    func testDuplicateKeyWithinTheFileUndoesTheFirstCopyToo() throws {
        let dataDir = temporaryPath("data")
        try seed(dataDir, collection: "users", [])
        let file = try temporaryFile([Self.line("a", 1), Self.line("a", 2)].joined(separator: "\n"))
        let run = c8(["import", "--data-dir", dataDir, "--collection", "users", file])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("c8 import: line 2: [1210]"), run.stderr)
        XCTAssertEqual(try contents(dataDir, collection: "users"), [:])
    }

    func testRefusedArrayElementIsNamedByLineAndIndex() throws {
        let dataDir = temporaryPath("data")
        let file = try temporaryFile("[\n{\"_key\": \"a\"},\n{\"_key\": \"b\"},\n  {\"_key\": \"a\"}\n]", name: "docs.json")
        let run = c8(["import", "--data-dir", dataDir, "--collection", "users", "--create", file])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("c8 import: line 4, element [2]: [1210] "), run.stderr)
        XCTAssertNil(try contents(dataDir, collection: "users"), "the collection this import created is dropped")
    }

    func testSyntaxErrorInsideAMultiLineArrayElementIsPlacedInTheFile() throws {
        let dataDir = temporaryPath("data")
        let file = try temporaryFile("[{\"_key\": \"a\"},\n  {\"_key\": \"b\",\n   \"n\": 1 2}]", name: "docs.json")
        let run = c8(["import", "--data-dir", dataDir, "--collection", "users", "--create", file])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("c8 import: line 3, column 11, element [1]: [600] "), run.stderr)
    }

    func testUnclosedArrayIsAnError() throws {
        let dataDir = temporaryPath("data")
        try seed(dataDir, collection: "users", [])
        let run = c8(["import", "--data-dir", dataDir, "--collection", "users", "-"], stdin: "[{\"_key\": \"a\"},\n{\"_key\": \"b\"}\n")
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("c8 import: line 3, column 1: [600] "), run.stderr)
        XCTAssertTrue(run.stderr.contains("not closed"), run.stderr)
        XCTAssertEqual(try contents(dataDir, collection: "users"), [:])
    }

    func testABrokenArrayStopsTheImportEvenWhenSkippingErrors() throws {
        let dataDir = temporaryPath("data")
        let run = c8(["import", "--data-dir", dataDir, "--collection", "c", "--create", "--skip-errors", "-"],
                     stdin: "[{\"_key\": \"a\"}, {oops}, , {\"_key\": \"b\"}]")
        XCTAssertEqual(run.status, 1)
        let lines = run.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, run.stderr)
        XCTAssertTrue(lines[0].hasPrefix("c8 import: skipped line 1, column 18, element [1]: [600] "), run.stderr)
        XCTAssertTrue(lines[1].hasPrefix("c8 import: line 1, column 25, element [2]: [600] "), run.stderr)
        XCTAssertTrue(lines[1].contains("expected a document before ','"), run.stderr)
        XCTAssertNil(try contents(dataDir, collection: "c"))
    }

    func testSkipErrorsReportsEachBadLineAndImportsTheRest() throws {
        let dataDir = temporaryPath("data")
        try seed(dataDir, collection: "users", [Self.document("taken", 0)])
        let file = try temporaryFile([Self.line("a", 1), "{oops", Self.line("b", 2), Self.line("taken", 3), "42",
                                      Self.line("c", 4)].joined(separator: "\n"))
        let run = c8(["import", "--data-dir", dataDir, "--collection", "users", "--skip-errors", file])
        XCTAssertEqual(run.status, 0, run.stderr)
        let reports = run.stderr.split(separator: "\n")
        XCTAssertEqual(reports.count, 3, run.stderr)
        XCTAssertTrue(reports[0].hasPrefix("c8 import: skipped line 2, column 2: [600] "), run.stderr)
        XCTAssertTrue(reports[1].hasPrefix("c8 import: skipped line 4: [1210] "), run.stderr)
        XCTAssertTrue(reports[2].hasPrefix("c8 import: skipped line 5: [1227] "), run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("imported 3 documents into users"), run.stdout)
        XCTAssertTrue(run.stdout.hasSuffix(", skipped 3\n"), run.stdout)
        XCTAssertEqual(try contents(dataDir, collection: "users")?.keys.sorted(), ["a", "b", "c", "taken"])
    }

    func testCreateEdgeMakesAnEdgeCollection() throws {
        let dataDir = temporaryPath("data")
        let file = try temporaryFile("{\"_key\": \"e1\", \"_from\": \"users/a\", \"_to\": \"users/b\", \"since\": 2020}")
        let run = c8(["import", "--data-dir", dataDir, "--collection", "knows", "--create", "--edge", file])
        XCTAssertEqual(run.status, 0, run.stderr)
        let type = try withEngine(dataDir) { try $0.fabric().collection("knows").type }
        XCTAssertEqual(type, .edge)
        XCTAssertEqual(try contents(dataDir, collection: "knows")?["e1"]?["_from"], "users/a")
    }

    func testEdgeWithBadFromAbortsAndDropsTheCollectionItCreated() throws {
        let dataDir = temporaryPath("data")
        let file = try temporaryFile([
            "{\"_from\": \"users/a\", \"_to\": \"users/b\"}",
            "{\"_from\": \"not a handle\", \"_to\": \"users/b\"}",
        ].joined(separator: "\n"))
        let run = c8(["import", "--data-dir", dataDir, "--collection", "knows", "--create", "--edge", file])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("c8 import: line 2: [1233] "), run.stderr)
        XCTAssertNil(try contents(dataDir, collection: "knows"))
    }

    func testMissingCollectionIsError1203() throws {
        let dataDir = temporaryPath("data")
        let file = try temporaryFile(Self.line("a", 1))
        let run = c8(["import", "--data-dir", dataDir, "--collection", "nope", file])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "c8 import: [1203] collection or view not found: nope (pass --create to create it)\n")
    }

    func testEdgeFlagRefusesAnExistingDocumentCollection() throws {
        let dataDir = temporaryPath("data")
        try seed(dataDir, collection: "users", [])
        let run = c8(["import", "--data-dir", dataDir, "--collection", "users", "--edge", "-"], stdin: "")
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("is a document collection"), run.stderr)
    }

    func testMissingFileFailsBeforeTouchingTheDataDir() throws {
        let dataDir = temporaryPath("data")
        let run = c8(["import", "--data-dir", dataDir, "--collection", "users", "--create", "/nonexistent/x.jsonl"])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "c8 import: cannot open /nonexistent/x.jsonl: No such file or directory\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dataDir))
    }

    func testAnUnreachableURLIsNamed() {
        for words in [["import", "--url", "http://127.0.0.1:1", "--api-key", "k", "--collection", "c", "-"],
                      ["export", "--url", "http://127.0.0.1:1", "--collection", "c"]] {
            let run = c8(words)
            XCTAssertEqual(run.status, 1, words.joined(separator: " "))
            XCTAssertTrue(run.stderr.hasPrefix("c8 \(words[0]): [503] cannot reach http://127.0.0.1:1: connect to 127.0.0.1:1: "), run.stderr)
        }
        let keyAlone = c8(["export", "--api-key", "k", "--data-dir", temporaryPath("data"), "--collection", "c"])
        XCTAssertEqual(keyAlone.status, 2, "a usage error")
        XCTAssertTrue(keyAlone.stderr.hasPrefix("c8 export: --api-key needs --url (or C8_URL): the embedded engine takes no key\n"),
                      keyAlone.stderr)
    }

    func testProgressBarDrawsOnATerminalAndIsClearedAtTheEnd() throws {
        let dataDir = temporaryPath("data")
        let file = try temporaryFile((0..<1500).map { Self.line("k\($0)", $0) }.joined(separator: "\n"))
        let terminal = TerminalCapture()
        let run = c8(["import", "--data-dir", dataDir, "--collection", "c", "--create", file], standardError: terminal)
        XCTAssertEqual(run.status, 0, terminal.text)
        XCTAssertTrue(terminal.text.hasPrefix("\rimporting "), terminal.text)
        XCTAssertTrue(terminal.text.contains("% ["), "a file's size is known, so a bar is drawn: \(terminal.text)")
        XCTAssertTrue(terminal.text.contains("1,000 docs"), terminal.text)
        XCTAssertTrue(terminal.text.hasSuffix("\r\u{1B}[K"), "the bar is erased at the end")
        XCTAssertTrue(run.stdout.hasPrefix("imported 1,500 documents"), run.stdout)
    }

    func testWithoutATerminalThereIsNoProgressOutput() throws {
        let dataDir = temporaryPath("data")
        let file = try temporaryFile((0..<1500).map { Self.line("k\($0)", $0) }.joined(separator: "\n"))
        let run = c8(["import", "--data-dir", dataDir, "--collection", "c", "--create", file])
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stderr, "")
    }
}
