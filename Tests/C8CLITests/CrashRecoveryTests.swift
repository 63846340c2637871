@testable import C8CLI
import C8Core
import C8Engine
import Foundation
import XCTest

/// "A kill -9 at any moment leaves a data dir that opens, with every write
/// that was acknowledged with waitForSync present and indexes consistent
/// with documents." A child `c8 debug-crash-writer` writes and logs; the
/// test kills it with SIGKILL after a random (seeded) 20–300 ms, reopens
/// the data dir, checks it against the log, and repeats on the same dir.
///
/// 5 rounds by default; `C8_CRASH_ROUNDS=N` for long campaigns, and
/// `C8_CRASH_SEED=S` to replay one.
final class CrashRecoveryTests: DataDirTestCase {
    func testKilledWriterKeepsEveryAcknowledgedWrite() throws {
        let environment = ProcessInfo.processInfo.environment
        let rounds = environment["C8_CRASH_ROUNDS"].flatMap { Int($0) } ?? 5
        let seed = environment["C8_CRASH_SEED"].flatMap { UInt64($0) } ?? 0xC8C8
        var random = SplitMix64(seed: seed)
        let dataDir = temporaryPath("crash")
        let executable = try C8Binary.url()
        var expected = CrashModel()

        for round in 0..<rounds {
            let delay = 20 + Int(random.next() % 281)
            let log = try runAndKill(executable, dataDir: dataDir, seed: Int(seed) &+ round, afterMilliseconds: delay)
            let context = "round \(round) (seed \(seed), killed after \(delay) ms)"
            let inFlight = expected.apply(log)
            try withEngine(dataDir, regionNames: CrashWriterCommand.regionNames) { engine in
                let actual = try Self.documents(in: engine)
                try expected.check(actual, inFlight: inFlight, context: context)
                if let collection = try? engine.fabric().collection(CrashWriterCommand.collectionName) {
                    XCTAssertEqual(try collection.verifyConsistency(), [], context)
                }
                expected.settle(inFlight, actual: actual)
            }
        }
        XCTAssertGreaterThan(expected.acknowledged, 0, "no write was acknowledged in \(rounds) rounds: the test proved nothing")
    }

    func testWriterLogsEveryWriteAndItsAcknowledgement() throws {
        let dataDir = temporaryPath("crash")
        let run = c8(["debug-crash-writer", "--data-dir", dataDir, "--seed", "7", "--limit", "60"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let records = run.stdout.split(separator: "\n").map { CrashWriterRecord(line: $0) }
        XCTAssertEqual(records.count, 120)
        XCTAssertEqual(records.filter { $0 == .ack }.count, 60)
        var expected = CrashModel()
        XCTAssertNil(expected.apply(run.stdout), "every write of a finished run is acknowledged")
        XCTAssertEqual(expected.acknowledged, 60)
        let operations = Set(records.compactMap { record -> CrashWriterRecord.Operation? in
            if case .begin(let operation, _, _)? = record { return operation }
            return nil
        })
        XCTAssertEqual(operations, [.insert, .update, .remove], "the writer exercises every kind of write")
        try withEngine(dataDir, regionNames: CrashWriterCommand.regionNames) { engine in
            XCTAssertEqual(try Self.documents(in: engine), expected.documents)
            let collection = try engine.fabric().collection(CrashWriterCommand.collectionName)
            XCTAssertEqual(collection.indexDefinitions.map(\.unique), [true, true, false],
                           "primary, unique uid and non-unique v, so consistency covers index entries")
            XCTAssertEqual(try collection.verifyConsistency(), [])
        }
    }

    func testWriterIsHiddenFromHelpButRuns() {
        let help = c8(["--help"])
        XCTAssertFalse(help.stdout.contains(CrashWriterCommand.name))
        XCTAssertEqual(c8([CrashWriterCommand.name, "--help"]).status, 0)
        XCTAssertEqual(c8(["debug-crash-writr"]).stderr.contains("did you mean"), false,
                       "hidden commands are not suggested")
    }

    // MARK: - The child process

    /// Starts the writer, kills it with SIGKILL after `milliseconds`, and
    /// returns what it logged.
    private func runAndKill(_ executable: URL, dataDir: String, seed: Int, afterMilliseconds milliseconds: Int) throws -> String {
        let logPath = temporaryPath("crash-log")
        XCTAssertTrue(FileManager.default.createFile(atPath: logPath, contents: nil))
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let process = Process()
        process.executableURL = executable
        process.arguments = [CrashWriterCommand.name, "--data-dir", dataDir, "--seed", String(seed)]
        process.standardOutput = log
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        usleep(useconds_t(milliseconds * 1000))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try log.close()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "the writer died of something else first")
        return try String(contentsOfFile: logPath, encoding: .utf8)
    }

    /// The built `c8`, next to the test bundle (see EndToEndTests).

    /// The writer's collection as user bodies by key; empty before it exists.
    private static func documents(in engine: Engine) throws -> [String: JSON] {
        guard let collection = try? engine.fabric().collection(CrashWriterCommand.collectionName) else { return [:] }
        var documents: [String: JSON] = [:]
        let scanner = collection.scan()
        while let document = try scanner.next() {
            guard var object = document.objectValue, let key = object["_key"]?.stringValue else { continue }
            for name in ["_key", "_id", "_rev"] { _ = object.removeValue(forKey: name) }
            documents[key] = .object(object)
        }
        return documents
    }
}

/// What the data dir must hold: the state after every acknowledged write.
struct CrashModel {
    /// A write that began but was not acknowledged: it may or may not be there.
    struct InFlight {
        var key: String
        var body: JSON?
    }

    private(set) var documents: [String: JSON] = [:]
    private(set) var acknowledged = 0

    /// Applies a log's acknowledged writes; returns the unacknowledged last one.
    mutating func apply(_ log: String) -> InFlight? {
        var pending: InFlight?
        // A torn last line (the kill hit mid-write) parses as nothing and is ignored.
        for record in log.split(separator: "\n").compactMap({ CrashWriterRecord(line: $0) }) {
            switch record {
            case .begin(_, let key, let body):
                pending = InFlight(key: key, body: body)
            case .ack:
                guard let write = pending else { continue }
                documents[write.key] = write.body
                acknowledged += 1
                pending = nil
            }
        }
        return pending
    }

    /// Fails the test unless `actual` is the acknowledged state, allowing
    /// the in-flight write to have happened or not.
    func check(_ actual: [String: JSON], inFlight: InFlight?, context: String) throws {
        for key in Set(documents.keys).union(actual.keys) {
            let allowed = [documents[key]] + (inFlight?.key == key ? [inFlight?.body] : [])
            XCTAssertTrue(allowed.contains(actual[key]),
                          "\(context): \(key) is \(actual[key].map { $0.jsonString() } ?? "absent"), "
                              + "expected \(allowed.map { $0.map { $0.jsonString() } ?? "absent" })")
        }
    }

    /// Takes over what the data dir decided about the in-flight write.
    mutating func settle(_ inFlight: InFlight?, actual: [String: JSON]) {
        guard let inFlight else { return }
        documents[inFlight.key] = actual[inFlight.key]
    }
}
