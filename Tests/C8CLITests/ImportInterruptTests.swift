import C8CLI
import C8Core
import C8Engine
import Foundation
import XCTest

/// Ctrl-C (or SIGTERM) during `c8 import` rolls the import back, as a bad
/// document does: the promise is all or nothing, and an interrupted
/// process used to keep every batch it had inserted.
final class ImportInterruptTests: DataDirTestCase {
    /// Enough documents that the import is still running when the signal
    /// comes (the debug build inserts tens of thousands a second).
    private func bigInput() throws -> String {
        var text = ""
        text.reserveCapacity(30_000_000)
        for index in 0..<600_000 { text += #"{"_key":"k\#(index)","n":\#(index)}"# + "\n" }
        return try temporaryFile(text, name: "big.jsonl")
    }

    private func interruptedImport(_ arguments: [String], signal: Int32 = SIGINT) throws -> (status: Int32, stderr: String) {
        let process = try ServerProcess(arguments: ["import"] + arguments)
        defer { process.kill() }
        Thread.sleep(forTimeInterval: 1.5)
        let status = signal == SIGINT ? try process.interrupt() : try process.terminate()
        return (status, process.standardError)
    }

    func testAnInterruptedImportIntoANewCollectionDropsIt() throws {
        let dataDir = temporaryPath("data")
        let file = try bigInput()
        let run = try interruptedImport(["--data-dir", dataDir, "--collection", "big", "--create", "--bulk-limit", "0", file])
        XCTAssertEqual(run.status, ExitStatus.failure)
        XCTAssertTrue(run.stderr.contains("interrupted by SIGINT (nothing was imported)"), run.stderr)
        XCTAssertNil(try contents(dataDir, collection: "big"), "the collection the import created is gone")
    }

    func testAnInterruptedImportIntoAnExistingCollectionRemovesWhatItInserted() throws {
        let dataDir = temporaryPath("data")
        let seed = try temporaryFile(#"{"_key":"keep","n":-1}"# + "\n", name: "seed.jsonl")
        XCTAssertEqual(c8(["import", "--data-dir", dataDir, "--collection", "big", "--create", seed]).status, 0)
        let file = try bigInput()
        let run = try interruptedImport(["--data-dir", dataDir, "--collection", "big", file], signal: SIGTERM)
        XCTAssertEqual(run.status, ExitStatus.failure)
        XCTAssertTrue(run.stderr.contains("interrupted by SIGTERM (nothing was imported)"), run.stderr)
        XCTAssertEqual(try contents(dataDir, collection: "big")?.keys.sorted(), ["keep"])
    }
}
