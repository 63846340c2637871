import C8Cluster
import C8Core
import C8Engine
import C8Net
import Foundation
import XCTest

/// kill -9 of `c8 serve` under concurrent HTTP writes with
/// `waitForSync=true`. Each round starts the server on the same data
/// directory, lets `writers` client threads insert, update and remove
/// documents of their own keys (a collection with a unique persistent index
/// on `uid` and a non-unique one on `v`), opens a cursor, and kills the
/// server with SIGKILL after a random (seeded) delay. Then:
///
/// - the data directory, opened in process, holds exactly the acknowledged
///   state (a write whose answer never came may or may not be there; an
///   acknowledged remove never comes back), and `verifyConsistency()` finds
///   every index entry agreeing with the documents;
/// - the restarted server serves the same documents, answers the cursor
///   opened before the kill with a clean 404 (errorNum 1600), finds every
///   document through the unique index, and still refuses a duplicate `uid`.
///
/// 5 rounds in CI; `C8_CRASH_ROUNDS=50` for the long campaign,
/// `C8_CRASH_SEED=S` to replay (the failure message names round and seed).
final class ServeCrashTests: DataDirTestCase {
    static let collection = "crashdocs"
    static let writers = 4

    func testKilledServerKeepsEveryAcknowledgedHTTPWrite() throws {
        let rounds = CrashCampaign.knob("C8_CRASH_ROUNDS", 5)
        let seed = CrashCampaign.seed(0x5E_C8)
        var random = SplitMix64(seed: seed)
        let dataDir = temporaryPath("serve-crash")
        var model = HTTPCrashModel()
        var staleCursor: String?
        var acknowledgedPerRound: [Int] = []

        for round in 0..<rounds {
            let context = "round \(round) (C8_CRASH_SEED=\(seed))"
            let server = try CrashServer(dataDir: dataDir)
            let admin = try server.client()
            if round == 0 { try Self.createCollection(admin) }
            try checkServed(admin, model: model, staleCursor: staleCursor, context: context)

            // Writers run until the kill cuts their connections.
            let journal = Guarded(HTTPCrashJournal())
            let roundSeed = random.next()
            let port = server.port
            let existing = model.existingKeys
            let writerThreads = DispatchGroup()
            for writer in 0..<Self.writers {
                DispatchQueue.global().async(group: writerThreads) {
                    Self.write(port: port, writer: writer, round: round, seed: roundSeed &+ UInt64(writer),
                               existing: existing[writer] ?? [], journal: journal)
                }
            }
            // An open cursor holding a batch when the server dies.
            usleep(useconds_t(50_000 + random.next() % 100_000))
            let cursor = try admin.json(.post, "/_fabric/_system/_api/cursor",
                                        #"{"query":"FOR d IN \#(Self.collection) SORT d.uid RETURN d","batchSize":2}"#)
            XCTAssertEqual(cursor.status, 201, "\(context): \(cursor.json.jsonString())")
            staleCursor = cursor.json["hasMore"].boolValue == true ? cursor.json["id"].stringValue : nil

            let delay = 100 + Int(random.next() % 700)
            usleep(useconds_t(delay * 1000))
            try server.kill9()
            writerThreads.wait()

            let outcome = journal.withLock { $0 }
            XCTAssertEqual(outcome.failures, [], "\(context): writes refused while the server was up")
            acknowledgedPerRound.append(outcome.acknowledged.count)
            model.apply(outcome)
            try checkDataDir(dataDir, model: &model, context: context + ", killed after \(delay) ms")
        }

        // A last start: the server comes up on what the last kill left.
        let server = try CrashServer(dataDir: dataDir)
        try checkServed(try server.client(), model: model, staleCursor: staleCursor, context: "after the last round")
        try server.kill9()
        XCTAssertGreaterThan(acknowledgedPerRound.reduce(0, +), rounds * 5,
                            "too few acknowledged writes to prove anything: \(acknowledgedPerRound)")
        print("ServeCrashTests: \(rounds) rounds, acknowledged writes per round \(acknowledgedPerRound), "
              + "\(model.documents.count) documents at the end")
    }

    // MARK: - Writers

    /// One client thread: its own keys (`w<writer>-…`), so its model is
    /// sequential; every write with waitForSync=true. Stops at the first
    /// transport error (the kill), leaving that write in flight.
    private static func write(port: Int, writer: Int, round: Int, seed: UInt64, existing: [String],
                              journal: Guarded<HTTPCrashJournal>) {
        var random = SplitMix64(seed: seed)
        guard let client = try? AdminClient(port: port, timeout: .seconds(20)) else { return }
        var keys = existing
        var bodies: [String: CrashBody] = [:]
        var serial = 0
        let path = "/_fabric/_system/_api/document/\(collection)"
        while true {
            let choice = random.next() % 10
            let key: String
            let method: HTTPMethod
            let target: String
            let text: String
            let after: CrashBody?
            var expectedStatus: Set<Int> = [201, 202]
            if keys.isEmpty || choice < 4 {
                key = "w\(writer)-r\(round)-\(serial)"
                serial += 1
                let body = CrashBody(uid: "u-" + key, v: Int(random.next() % 1000), pad: Int(random.next() % 600))
                (method, target, text, after) = (.post, path + "?waitForSync=true", body.json(key: key), body)
            } else if choice < 7 {
                key = keys[Int(random.next() % UInt64(keys.count))]
                let v = Int(random.next() % 1000)
                let pad = Int(random.next() % 600)
                let uid = bodies[key]?.uid ?? "u-" + key
                (method, target, text, after) = (.patch, path + "/\(key)?waitForSync=true",
                                                 #"{"v":\#(v),"len":\#(pad),"pad":"\#(String(repeating: "p", count: pad))"}"#,
                                                 CrashBody(uid: uid, v: v, pad: pad))
            } else if choice < 9 {
                let index = Int(random.next() % UInt64(keys.count))
                key = keys.remove(at: index)
                (method, target, text, after) = (.delete, path + "/\(key)?waitForSync=true", "", nil)
                expectedStatus = [200, 202]
            } else {
                // A duplicate uid must be refused by the unique index, also after restarts.
                let taken = keys[Int(random.next() % UInt64(keys.count))]
                let uid = bodies[taken]?.uid ?? "u-" + taken
                let dupKey = "w\(writer)-dup\(serial)"
                serial += 1
                let body = #"{"_key":"\#(dupKey)","uid":"\#(uid)","v":0,"len":0,"pad":""}"#
                do {
                    let answer = try client.json(.post, path + "?waitForSync=true", body)
                    if answer.status != 409 || answer.json["errorNum"].intValue != 1210 {
                        journal.withLock { $0.failures.append("duplicate uid \(uid): \(answer.status) \(answer.json.jsonString())") }
                    }
                } catch {
                    // Killed during the refused insert: the key must not exist; say so.
                    journal.withLock { $0.inFlight.append((dupKey, nil)) }
                    return
                }
                continue
            }
            journal.withLock { $0.started += 1 }
            do {
                let answer = try client.json(method, target, method == .delete ? nil : text)
                guard expectedStatus.contains(answer.status) else {
                    journal.withLock { $0.failures.append("\(method) \(key): \(answer.status) \(answer.json.jsonString())") }
                    return
                }
                if method == .post { keys.append(key) }
                bodies[key] = after
                journal.withLock { $0.acknowledged.append((key, after, writer)) }
            } catch {
                journal.withLock { $0.inFlight.append((key, after)) }
                return
            }
        }
    }

    // MARK: - Checks

    /// The data directory, opened in process after the kill: the
    /// acknowledged documents, and indexes that agree with them.
    private func checkDataDir(_ dataDir: String, model: inout HTTPCrashModel, context: String) throws {
        try withEngine(dataDir) { engine in
            let collection = try engine.fabric().collection(Self.collection)
            var actual: [String: CrashBody] = [:]
            let scanner = collection.scan()
            while let document = try scanner.next() {
                guard let key = document["_key"].stringValue else { continue }
                let body = CrashBody(document)
                XCTAssertNotNil(body, "\(context): \(key) is half-written: \(document.jsonString())")
                actual[key] = body
            }
            XCTAssertEqual(collection.count, actual.count, "\(context): the count disagrees with a scan")
            XCTAssertEqual(try collection.verifyConsistency(), [], "\(context): indexes disagree with documents")
            XCTAssertEqual(collection.indexDefinitions.count, 3, "\(context): primary, unique uid, v")
            model.check(actual, context: context)
            model.settle(actual)
        }
    }

    /// What the restarted server answers: every document of the model (by
    /// a full scan and through the unique index), a clean 404 for a cursor
    /// from before the kill, and the unique index still refusing duplicates.
    private func checkServed(_ admin: AdminClient, model: HTTPCrashModel, staleCursor: String?, context: String) throws {
        if let staleCursor {
            let answer = try admin.json(.put, "/_fabric/_system/_api/cursor/\(staleCursor)")
            XCTAssertEqual(answer.status, 404, "\(context): a cursor from before the kill: \(answer.json.jsonString())")
            XCTAssertEqual(answer.json["errorNum"].intValue, 1600, context)
        }
        let rows = try admin.query("FOR d IN \(Self.collection) RETURN d")
        var served: [String: CrashBody] = [:]
        for row in rows { served[row["_key"].stringValue ?? ""] = CrashBody(row) }
        XCTAssertEqual(served, model.documents, "\(context): the restarted server serves other documents")
        let sample = Array(model.documents.sorted { $0.key < $1.key }.prefix(20))
        for (key, body) in sample {
            let found = try admin.query("FOR d IN \(Self.collection) FILTER d.uid == @u RETURN d._key", bind: ["u": .string(body.uid)])
            XCTAssertEqual(found, [.string(key)], "\(context): the unique index lost \(key)")
        }
        if let (key, body) = sample.first {
            let duplicate = try admin.json(.post, "/_fabric/_system/_api/document/\(Self.collection)",
                                           #"{"_key":"dup-\#(key)","uid":"\#(body.uid)"}"#)
            XCTAssertEqual(duplicate.status, 409, "\(context): \(duplicate.json.jsonString())")
            XCTAssertEqual(duplicate.json["errorNum"].intValue, 1210, context)
        }
    }

    private static func createCollection(_ admin: AdminClient) throws {
        let created = try admin.json(.post, "/_fabric/_system/_api/collection", #"{"name":"\#(collection)"}"#)
        XCTAssertEqual(created.status, 200, created.json.jsonString())
        for (fields, unique) in [("uid", true), ("v", false)] {
            let index = try admin.json(.post, "/_fabric/_system/_api/index?collection=\(collection)",
                                       #"{"type":"persistent","fields":["\#(fields)"],"unique":\#(unique)}"#)
            XCTAssertTrue([200, 201].contains(index.status), index.json.jsonString())
        }
    }
}

/// The user part of a campaign document; `pad` is `len` characters long,
/// so a torn document would show.
struct CrashBody: Equatable, Sendable {
    var uid: String
    var v: Int
    var pad: Int

    init(uid: String, v: Int, pad: Int) {
        (self.uid, self.v, self.pad) = (uid, v, pad)
    }

    /// Nil unless the document is whole: uid, v, and a pad of length len.
    init?(_ document: JSON) {
        guard let uid = document["uid"].stringValue, let v = document["v"].intValue,
              let len = document["len"].intValue, let pad = document["pad"].stringValue,
              pad.utf8.count == Int(len), pad.utf8.allSatisfy({ $0 == UInt8(ascii: "p") }) else { return nil }
        (self.uid, self.v, self.pad) = (uid, Int(v), Int(len))
    }

    func json(key: String) -> String {
        #"{"_key":"\#(key)","uid":"\#(uid)","v":\#(v),"len":\#(pad),"pad":"\#(String(repeating: "p", count: pad))"}"#
    }
}

/// What the writers of one round saw: acknowledged writes in order (per
/// writer), writes whose answer never came, and refusals that should not
/// have happened.
struct HTTPCrashJournal: @unchecked Sendable {
    var started = 0
    var acknowledged: [(key: String, body: CrashBody?, writer: Int)] = []
    var inFlight: [(key: String, body: CrashBody?)] = []
    var failures: [String] = []
}

/// The acknowledged state across rounds, and the writes in doubt.
struct HTTPCrashModel {
    private(set) var documents: [String: CrashBody] = [:]
    private var inDoubt: [String: CrashBody?] = [:]

    /// Keys per writer (`w<n>-…`) that exist, to update and remove.
    var existingKeys: [Int: [String]] {
        var keys: [Int: [String]] = [:]
        for key in documents.keys.sorted() {
            guard key.hasPrefix("w"), let writer = Int(key.dropFirst().prefix { $0 != "-" }) else { continue }
            keys[writer, default: []].append(key)
        }
        return keys
    }

    mutating func apply(_ journal: HTTPCrashJournal) {
        for write in journal.acknowledged { documents[write.key] = write.body }
        for write in journal.inFlight { inDoubt[write.key] = .some(write.body) }
    }

    /// Every key: the acknowledged state, or for a write in doubt, either.
    func check(_ actual: [String: CrashBody], context: String) {
        for key in Set(documents.keys).union(actual.keys).union(inDoubt.keys) {
            var allowed: [CrashBody?] = [documents[key]]
            if let doubt = inDoubt[key] { allowed.append(doubt) }
            XCTAssertTrue(allowed.contains(actual[key]),
                          "\(context): \(key) is \(actual[key].map { "\($0)" } ?? "absent"), expected one of \(allowed)"
                              + (documents[key] == nil && actual[key] != nil ? " (a removed or never acknowledged document is back)" : ""))
        }
    }

    /// Takes what the data dir decided about the writes in doubt.
    mutating func settle(_ actual: [String: CrashBody]) {
        for key in inDoubt.keys { documents[key] = actual[key] }
        inDoubt = [:]
    }
}
