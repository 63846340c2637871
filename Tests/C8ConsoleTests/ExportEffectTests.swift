import C8Client
import C8Core
import Foundation
import XCTest
@testable import C8Console

/// `:export FILE`: JSON lines written, or why the file could not be.
final class ExportEffectTests: XCTestCase {
    func testExportWritesJSONLinesOrSaysWhyItCannot() async throws {
        let connection = try EmbeddedConnection.inMemory()
        defer { connection.close() }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("c8-export-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let summary = try await EffectRunner.export(path: path, source: .rows([["a": 1], ["b": "x"]]), fabric: "_system", connection)
        XCTAssertEqual(summary, "exported 2 documents to \(path)")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "{\"a\":1}\n{\"b\":\"x\"}\n")
        do {
            _ = try await EffectRunner.export(path: "/nonexistent-c8-dir/x.jsonl", source: .rows([]), fabric: "_system", connection)
            XCTFail("wrote into a directory that does not exist")
        } catch {
            XCTAssertEqual(error.message, "cannot write /nonexistent-c8-dir/x.jsonl: No such file or directory")
        }
    }
}
