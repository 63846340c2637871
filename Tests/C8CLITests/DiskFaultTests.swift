import C8Core
import C8Engine
import C8Net
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import XCTest

/// Disk faults under `c8 serve`: a full disk (the data directory on a small
/// tmpfs) and an unwritable data directory (a read-only bind mount, opened
/// read-only from the start). The server must refuse writes with a clear ArangoDB-style error (errorNum,
/// errorMessage) instead of crashing or hanging, keep serving reads, and
/// leave nothing half-written: after space is freed and the server
/// restarted, every acknowledged write is there, whole, and no refused one.
///
/// Needs root (or CAP_SYS_ADMIN) to mount; skipped with a message otherwise.
final class DiskFaultTests: DataDirTestCase {
    private var mounts: [String] = []

    override func tearDown() {
        for mount in mounts.reversed() { _ = Self.run("/bin/umount", ["-l", mount]) }
        mounts = []
        super.tearDown()
    }

    func testFullDiskRefusesWritesClearlyKeepsServingReadsAndLosesNothing() throws {
        let mountPoint = try mountTmpfs(megabytes: CrashCampaign.knob("C8_FULL_DISK_MB", 24))
        let dataDir = mountPoint + "/data"
        // Ballast to free later: the disk is full with it, and has room without it.
        let ballast = mountPoint + "/ballast"
        XCTAssertTrue(FileManager.default.createFile(atPath: ballast, contents: Data(repeating: 0x42, count: 8 << 20)))

        var server = try CrashServer(dataDir: dataDir)
        var admin = try server.client()
        let path = "/_fabric/_system/_api/document/fulldocs"
        try createCollectionWithUniqueUid("fulldocs", admin)

        var acknowledged: [String: CrashBody] = [:]
        var refused: [String] = []
        var firstError: JSON?
        let pad = 48 * 1024
        for serial in 0..<2000 where refused.count < 20 {
            let key = "f\(serial)"
            let body = CrashBody(uid: "u-" + key, v: serial, pad: pad)
            let answer = try admin.json(.post, path + "?waitForSync=true", body.json(key: key))
            if answer.status == 201 || answer.status == 202 {
                acknowledged[key] = body
            } else {
                refused.append(key)
                if firstError == nil { firstError = answer.json }
                XCTAssertGreaterThanOrEqual(answer.status, 500, "a full disk is the server's trouble, not the client's")
                XCTAssertEqual(answer.json["error"], true, answer.json.jsonString())
                XCTAssertNotNil(answer.json["errorNum"].intValue, answer.json.jsonString())
                XCTAssertNotNil(answer.json["errorMessage"].stringValue, answer.json.jsonString())
            }
        }
        let error = try XCTUnwrap(firstError, "\(acknowledged.count) writes of \(pad) bytes fit: the disk never filled")
        XCTAssertGreaterThan(acknowledged.count, 0)
        XCTAssertEqual(error["errorNum"].intValue, 1104, "ArangoDB's 'filesystem full': \(error.jsonString())")
        XCTAssertTrue(error["errorMessage"].stringValue?.lowercased().contains("full") ?? false, error.jsonString())
        print("DiskFaultTests: \(acknowledged.count) writes fit, then: \(error.jsonString())")

        // Reads keep being served, from storage and through a query.
        let sample = acknowledged.keys.sorted().prefix(5)
        for key in sample {
            let read = try admin.json(.get, path + "/" + key)
            XCTAssertEqual(read.status, 200, read.json.jsonString())
            XCTAssertEqual(CrashBody(read.json), acknowledged[key])
        }
        XCTAssertEqual(try admin.query("RETURN COUNT(FOR d IN fulldocs RETURN 1)"), [.int(Int64(acknowledged.count))])
        XCTAssertEqual(try admin.json(.get, "/_api/version").status, 200)

        // Space comes back; a clean stop must not hang, and the restart finds everything.
        try FileManager.default.removeItem(atPath: ballast)
        let stopped = try server.server.terminate()
        XCTAssertEqual(stopped, 0, "c8 serve after a full disk: \(server.server.standardError)")
        server = try CrashServer(dataDir: dataDir)
        admin = try server.client()
        var served: [String: CrashBody] = [:]
        for row in try admin.query("FOR d IN fulldocs RETURN d") {
            let key = row["_key"].stringValue ?? ""
            XCTAssertNotNil(CrashBody(row), "\(key) is half-written")
            served[key] = CrashBody(row)
        }
        XCTAssertEqual(served, acknowledged, "after the restart: refused writes present, or acknowledged ones missing")
        let again = try admin.json(.post, path + "?waitForSync=true", CrashBody(uid: "u-after", v: 1, pad: 10).json(key: "after"))
        XCTAssertEqual(again.status, 201, "writes work again once there is space: \(again.json.jsonString())")
        try server.kill9()
        try withEngine(dataDir) { engine in
            XCTAssertEqual(try engine.fabric().collection("fulldocs").verifyConsistency(), [])
        }
    }

    func testUnwritableDataDirRefusesWritesClearlyAndKeepsServingReads() throws {
        let dataDir = temporaryPath("unwritable")
        var server = try CrashServer(dataDir: dataDir)
        var admin = try server.client()
        let path = "/_fabric/_system/_api/document/kept"
        try createCollectionWithUniqueUid("kept", admin)
        XCTAssertEqual(try admin.json(.post, path + "?waitForSync=true", #"{"_key":"a","uid":"u-a"}"#).status, 201)
        // Only in the write-ahead log: a kill -9 leaves it to be replayed,
        // which a read-only open must do without writing.
        XCTAssertEqual(try admin.json(.post, path, #"{"_key":"b","uid":"u-b"}"#).status, 202)
        try server.kill9()

        let readOnly = temporaryPath("read-only")
        try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: true)
        let bound = Self.run("/bin/mount", ["--bind", "-o", "ro", dataDir, readOnly])
        guard bound.status == 0 else {
            throw XCTSkip("a read-only bind mount is not permitted here (needs root / CAP_SYS_ADMIN): \(bound.output)")
        }
        mounts.append(readOnly)

        server = try CrashServer(dataDir: readOnly)
        admin = try server.client()
        // The writable path to the same files cannot start beside it.
        let writer = try ServerProcess(arguments: ["serve", "--data-dir", dataDir, "--port", "0",
                                                   "--admin-key", CrashCampaign.adminKey])
        XCTAssertEqual(try writer.waitForExitStatus(), 1, writer.standardOutput)
        XCTAssertTrue(writer.standardError.contains("in use"), writer.standardError)

        // Every kind of write is refused with ArangoDB's "read only".
        let refusals: [(HTTPMethod, String, String?)] = [
            (.post, path, #"{"_key":"c","uid":"u-c"}"#),
            (.patch, path + "/a", #"{"v":2}"#),
            (.delete, path + "/b", nil),
            (.post, "/_fabric/_system/_api/collection", #"{"name":"fresh"}"#),
            (.post, "/_fabric/_system/_api/cursor", #"{"query":"INSERT {_key: 'q'} INTO kept"}"#),
        ]
        for (method, target, body) in refusals {
            let answer = try admin.json(method, target, body)
            XCTAssertEqual(answer.status, 503, "\(method) \(target): \(answer.json.jsonString())")
            XCTAssertEqual(answer.json["errorNum"].intValue, 1004, "\(method) \(target): \(answer.json.jsonString())")
            XCTAssertTrue(answer.json["errorMessage"].stringValue?.contains("read only") ?? false, answer.json.jsonString())
            XCTAssertFalse(answer.json.jsonString().contains(readOnly), "no file path in errors: \(answer.json.jsonString())")
        }
        // Reads go on: by key, through the index, and the server's own.
        for key in ["a", "b"] {
            let read = try admin.json(.get, path + "/" + key)
            XCTAssertEqual(read.status, 200, read.json.jsonString())
            XCTAssertEqual(read.json["uid"].stringValue, "u-" + key)
        }
        XCTAssertEqual(try admin.query("FOR d IN kept FILTER d.uid == 'u-b' RETURN d._key"), [.string("b")])
        XCTAssertEqual(try admin.query("FOR d IN kept SORT d._key RETURN d._key"), [.string("a"), .string("b")])
        XCTAssertEqual(try admin.json(.get, "/_api/version").status, 200)
        let stopped = try server.server.terminate()
        XCTAssertEqual(stopped, 0, "a clean stop on a read-only data dir: \(server.server.standardError)")
        XCTAssertTrue(server.server.standardError.contains("not writable"), "the operator is told: \(server.server.standardError)")
        try browseReadOnlyInConsole(readOnly)

        // Writable again: what was there is, whole; nothing refused is; writes work.
        server = try CrashServer(dataDir: dataDir)
        admin = try server.client()
        XCTAssertEqual(try admin.query("FOR d IN kept SORT d._key RETURN [d._key, d.uid, d.v]"),
                       [.array([.string("a"), .string("u-a"), .null]), .array([.string("b"), .string("u-b"), .null])])
        XCTAssertEqual(try admin.json(.get, "/_fabric/_system/_api/collection/fresh").status, 404)
        XCTAssertEqual(try admin.json(.post, path + "?waitForSync=true", #"{"_key":"c","uid":"u-c"}"#).status, 201)
        try server.kill9()
        try withEngine(dataDir) { engine in
            XCTAssertEqual(try engine.fabric().collection("kept").verifyConsistency(), [])
        }
    }

    /// Collection `name` with a unique persistent index on `uid`: what lets
    /// the restart check that indexes and documents agree.
    private func createCollectionWithUniqueUid(_ name: String, _ admin: AdminClient) throws {
        XCTAssertEqual(try admin.json(.post, "/_fabric/_system/_api/collection", #"{"name":"\#(name)"}"#).status, 200)
        let index = try admin.json(.post, "/_fabric/_system/_api/index?collection=\(name)",
                                   #"{"type":"persistent","fields":["uid"],"unique":true}"#)
        XCTAssertTrue([200, 201].contains(index.status), index.json.jsonString())
    }

    /// The embedded console on the same data dir: it opens, says why it is
    /// read-only, and shows the data.
    private func browseReadOnlyInConsole(_ dataDir: String) throws {
        guard TmuxSession.isAvailable else { return }
        let home = temporaryPath("console-home")
        let tmux = try TmuxSession(
            command: "\(try C8Binary.url().path) console --data-dir \(dataDir)", width: 200, height: 30,
            environment: ["LANG": "C.UTF-8", "TERM": "xterm-256color", "XDG_CONFIG_HOME": home + "/config",
                          "XDG_STATE_HOME": home + "/state", "HOME": home, "EDITOR": ""])
        try tmux.waitFor("the read-only badge, the reason and the collection") { screen in
            screen.contains("READ-ONLY") && screen.contains("not writable: browsing read-only") && screen.contains("kept")
        }
        try tmux.send("q")
        _ = try tmux.waitFor(text: "EXIT=0")  // its shared lock is gone before the writable start
    }

    // MARK: - Mounts

    private func mountTmpfs(megabytes: Int) throws -> String {
        let mountPoint = temporaryPath("tmpfs")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mounted = Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", mountPoint])
        guard mounted.status == 0 else {
            throw XCTSkip("mounting a tmpfs is not permitted here (needs root / CAP_SYS_ADMIN): \(mounted.output)")
        }
        mounts.append(mountPoint)
        return mountPoint
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
