import C8Cluster
import C8CLI
import C8Core
import C8Engine
import Foundation
import XCTest

/// Shared by the import, export and crash tests: temporary data dirs, runs
/// of `c8` in process with injected stdin, and reading a data dir back.
///
/// The data dir is locked per process, and a command runs in the test's own
/// process, so every helper opens the engine, does its work and closes it
/// before the next command runs.
class DataDirTestCase: XCTestCase {
    private var temporaryPaths: [String] = []

    override func tearDown() {
        for path in temporaryPaths { try? FileManager.default.removeItem(atPath: path) }
        temporaryPaths = []
        super.tearDown()
    }

    /// A fresh path under the temporary directory, removed after the test.
    func temporaryPath(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("c8-\(name)-\(UUID().uuidString)").path
        temporaryPaths.append(path)
        return path
    }

    /// A file holding `text`, removed after the test.
    func temporaryFile(_ text: String, name: String = "input.jsonl") throws -> String {
        let path = temporaryPath(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `c8 words…` in process with `stdin` as standard input.
    func c8(_ words: [String], stdin: String = "", standardError: (any TextSink)? = nil,
            environment: [String: String] = [:]) -> Run {
        let output = CapturedText(), errors = CapturedText()
        let status = CommandLineTool.run(arguments: words, environment: environment, standardInput: .text(stdin),
                                         standardOutput: output, standardError: standardError ?? errors)
        return Run(status: status, stdout: output.text, stderr: errors.text)
    }

    /// Opens the federation on `dataDir` as the commands do (with
    /// `regionNames`, or the directory's), runs `body` on its local region's
    /// engine, and closes it again.
    func withEngine<T>(_ dataDir: String, regionNames: [String]? = nil, _ body: (Engine) throws -> T) throws -> T {
        let federation = try Federation.open(directory: dataDir, regionNames: regionNames)
        defer { federation.close() }
        return try body(federation.localRegion.engine)
    }

    /// Creates `collection` in `dataDir` holding `documents`.
    func seed(_ dataDir: String, collection: String, _ documents: [JSON], edge: Bool = false) throws {
        try withEngine(dataDir) { engine in
            let created = try engine.fabric().createCollection(collection, options: CollectionOptions(type: edge ? .edge : .document))
            for case .failure(let error) in try created.insert(many: documents) { throw error }
        }
    }

    /// Every document of `collection` by `_key`, without `_id` and `_rev`
    /// (which differ between data dirs); nil when there is no such collection.
    func contents(_ dataDir: String, collection: String) throws -> [String: JSON]? {
        try withEngine(dataDir) { engine -> [String: JSON]? in
            guard let found = try? engine.fabric().collection(collection) else { return nil }
            var documents: [String: JSON] = [:]
            let scanner = found.scan()
            while let document = try scanner.next() {
                documents[document["_key"].stringValue ?? ""] = Self.withoutVolatileAttributes(document)
            }
            XCTAssertEqual(found.count, documents.count, "count disagrees with a scan")
            XCTAssertEqual(try found.verifyConsistency(), [])
            return documents
        }
    }

    static func withoutVolatileAttributes(_ document: JSON) -> JSON {
        guard var object = document.objectValue else { return document }
        _ = object.removeValue(forKey: "_id")
        _ = object.removeValue(forKey: "_rev")
        return .object(object)
    }

    /// `{"_key": key, "n": n, ...extra}` as JSON text on one line.
    static func line(_ key: String, _ n: Int, _ extra: String = "") -> String {
        "{\"_key\":\"\(key)\",\"n\":\(n)\(extra.isEmpty ? "" : "," + extra)}"
    }

    static func document(_ key: String, _ n: Int) -> JSON {
        ["_key": .string(key), "n": .int(Int64(n))]
    }
}

/// A standard error that claims to be a terminal, to see the progress bar.
final class TerminalCapture: TextSink {
    let captured = CapturedText()
    var isTerminal: Bool { true }
    func write(_ text: String) { captured.write(text) }
    var text: String { captured.text }
}
