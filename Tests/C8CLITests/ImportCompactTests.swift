import C8CLI
import C8Core
@testable import C8Storage
import XCTest

/// `c8 import --compact`: after the load, every table file of the data
/// dir's store is in the bottommost level (without it, the same import
/// leaves its documents outside it), the documents are all there, the step
/// is reported on stderr; with --url it is a usage error.
final class ImportCompactTests: DataDirTestCase {
    private func lines(_ count: Int) -> String {
        (0..<count).map { #"{"_key": "k\#($0)", "n": \#($0)}"# }.joined(separator: "\n")
    }

    /// Files per level of the one-region store in `dataDir`, read with the
    /// data dir closed again.
    private func levels(_ dataDir: String) throws -> [Int] {
        let store = try RocksDBEngine(directory: dataDir)
        defer { store.close() }
        return store.filesPerLevel()
    }

    /// `file` into a new collection `c` of a one-region `dataDir`, in
    /// batches (--bulk-limit 0: the documents stay in the write-ahead log
    /// and memtable), not compacted.
    private func importWithoutCompacting(_ file: String, into dataDir: String) throws {
        let loaded = c8(["import", "--data-dir", dataDir, "--regions", "us-east", "--collection", "c", "--create",
                         "--bulk-limit", "0", file])
        XCTAssertEqual(loaded.status, 0, loaded.stderr)
        XCTAssertEqual(loaded.stderr, "")
    }

    private func onlyBottomLevel(_ levels: [Int]) -> Bool {
        levels.dropLast().allSatisfy { $0 == 0 } && (levels.last ?? 0) > 0
    }

    func testCompactLeavesEveryFileInTheBottomLevelAndEveryDocument() throws {
        let file = try temporaryFile(lines(2000))
        let plain = temporaryPath("plain")
        try importWithoutCompacting(file, into: plain)
        let plainLevels = try levels(plain)
        XCTAssertFalse(onlyBottomLevel(plainLevels), "without --compact: \(plainLevels)")

        let compacted = temporaryPath("compacted")
        let run = c8(["import", "--data-dir", compacted, "--regions", "us-east", "--collection", "c", "--create",
                      "--bulk-limit", "0", "--compact", file])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("imported 2,000 documents into c in "), run.stdout)
        XCTAssertTrue(run.stderr.hasPrefix("c8 import: compacted the data dir in "), run.stderr)
        let compactedLevels = try levels(compacted)
        XCTAssertTrue(onlyBottomLevel(compactedLevels), "\(compactedLevels)")
        let count = c8(["query", "--data-dir", compacted, "--regions", "us-east", "RETURN LENGTH(c)"])
        XCTAssertEqual(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "[2000]", count.stderr)
    }

    func testCompactNeedsADataDir() throws {
        let file = try temporaryFile(lines(1))
        let run = c8(["import", "--url", "http://127.0.0.1:1", "--api-key", "k", "--collection", "c", "--compact", file])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("--compact works on a data dir"), run.stderr)
    }

    /// A mistyped --data-dir is an error, not a new empty data dir.
    func testCompactRefusesADataDirThatDoesNotExist() throws {
        let missing = temporaryPath("typo")
        let run = c8(["compact", "--data-dir", missing])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "c8 compact: no data dir at \(missing): nothing to compact\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing))
    }

    /// `c8 compact` on a data dir loaded without it: the same end state as
    /// `import --compact`, reported on stderr, every document still there.
    func testCompactCommandCompactsALoadedDataDir() throws {
        let file = try temporaryFile(lines(2000))
        let dataDir = temporaryPath("later")
        try importWithoutCompacting(file, into: dataDir)
        XCTAssertFalse(onlyBottomLevel(try levels(dataDir)))

        let run = c8(["compact", "--data-dir", dataDir, "--regions", "us-east"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("c8 compact: compacted \(dataDir) (1 regions) in"), run.stderr)
        let after = try levels(dataDir)
        XCTAssertTrue(onlyBottomLevel(after), "after c8 compact: \(after)")
        let count = c8(["query", "--data-dir", dataDir, "--regions", "us-east", "RETURN LENGTH(c)"])
        XCTAssertEqual(count.status, 0, count.stderr)
        XCTAssertEqual(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "[2000]")
    }
}
