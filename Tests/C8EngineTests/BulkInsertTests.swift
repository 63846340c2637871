import C8Core
@testable import C8Engine
import C8Storage
import XCTest

/// `DocumentCollection.bulkInsert`: the same documents, checks and indexes
/// as `insert(many:)`, all or nothing — on the in-memory engine here, on
/// RocksDB in ``BulkInsertRocksDBTests``.
class BulkInsertTests: EngineTestCase {
    private var engine: Engine!

    override func setUpWithError() throws {
        engine = try makeEngine()
    }

    override func tearDown() {
        engine?.close()
        engine = nil
        super.tearDown()
    }

    private func collection(_ name: String, _ options: CollectionOptions = CollectionOptions()) throws -> DocumentCollection {
        try engine.fabric().createCollection(name, options: options)
    }

    /// Indexes of every kind, so every kind's entries go through the bulk path.
    private func addIndexes(_ collection: DocumentCollection) throws {
        try collection.createIndex(["type": "persistent", "fields": ["email"], "unique": true, "sparse": true])
        try collection.createIndex(["type": "persistent", "fields": ["city", "age"]])
        try collection.createIndex(["type": "persistent", "fields": ["tags[*]"], "deduplicate": false])
        try collection.createIndex(["type": "fulltext", "fields": ["bio"]])
        try collection.createIndex(["type": "geo", "fields": ["pos"]])
        try collection.createIndex(["type": "ttl", "fields": ["createdAt"], "expireAfter": 600])
    }

    /// `count` varied documents; every fifth has no `_key` (generated).
    private func sample(_ count: Int) -> [JSON] {
        (0..<count).map { i in
            var object: JSONObject = [
                "n": .int(Int64(i)), "city": .string(["Oslo", "Lima", "Pune"][i % 3]), "age": .int(Int64(i % 90)),
                "tags": .array((0..<(i % 4)).map { .string(["a", "b", "a", "c"][$0]) }),
                "bio": .string(["fast data", "slow graph", "ünïcode text"][i % 3]),
                "pos": [.double(Double(i % 170) - 85), .double(Double(i % 350) - 175)],
                "createdAt": .int(Int64(1_000_000 + i)),
            ]
            if i % 5 != 0 { object["_key"] = .string("k\(i)") }
            if i % 2 == 0 { object["email"] = .string("u\(i)@example.com") }
            return .object(object)
        }
    }

    /// Documents without `_id`/`_rev`, by `_key`.
    private func contents(_ collection: DocumentCollection) throws -> [String: JSON] {
        var documents: [String: JSON] = [:]
        let scanner = collection.scan()
        while let document = try scanner.next() {
            var object = try XCTUnwrap(document.objectValue)
            _ = object.removeValue(forKey: "_id")
            _ = object.removeValue(forKey: "_rev")
            documents[document["_key"].stringValue ?? ""] = .object(object)
        }
        return documents
    }

    /// Each stored index's entries with the index id cut off: comparable
    /// between two collections.
    private func indexEntries(_ collection: DocumentCollection) -> [[String]] {
        collection.indexDefinitions.dropFirst().map { definition in
            var entries: [String] = []
            let prefix = KeySpace.indexPrefix(definition.objectId).count
            collection.storageEngine.scan(KeySpace.indexEntries(of: definition.objectId)) { key, value in
                entries.append(Array(key[prefix...]).description + "=" + Array(value).description)
                return true
            }
            return entries
        }
    }

    private func assertEmpty(_ collection: DocumentCollection, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(collection.count, 0, file: file, line: line)
        XCTAssertEqual(try contents(collection), [:], file: file, line: line)
        XCTAssertTrue(indexEntries(collection).allSatisfy(\.isEmpty), "no index entries", file: file, line: line)
        var storedCount = 0
        collection.storageEngine.scan(KeySpace.counters(of: collection.objectId)) { _, value in
            storedCount += value.reduce(0) { $0 + Int($1) }  // non-zero bytes mean a non-zero count
            return true
        }
        XCTAssertEqual(storedCount, 0, "no counted documents stored", file: file, line: line)
        XCTAssertEqual(try collection.verifyConsistency(), [], file: file, line: line)
    }

    /// Asserts `body` throws the bulk failure of item `index` with `code`.
    private func assertItemFailure(
        _ code: ErrorCode, index: Int, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void
    ) -> C8Error? {
        do {
            try body()
            XCTFail("expected error \(code.rawValue) for item \(index)", file: file, line: line)
        } catch let error as C8Error {
            XCTAssertEqual(error.errorNum, code.rawValue, "\(error)", file: file, line: line)
            XCTAssertEqual(error.bulkInsertFailure?.index, index, "\(error)", file: file, line: line)
            XCTAssertEqual(error.bulkInsertFailure?.error.errorNum, code.rawValue, file: file, line: line)
            XCTAssertTrue(error.message.hasPrefix("item \(index): "), error.message, file: file, line: line)
            return error
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
        return nil
    }

    // MARK: - Documents in binary form

    func testEncodedDocumentsLoadExactlyAsTheirTreesDo() throws {
        let documents = sample(5_000) + [1, ["_key": 7], ["_key": "k1"], ["_id": "x/y", "_rev": "r", "z": -0.0]]
        let trees = try collection("trees"), encoded = try collection("encoded")
        try addIndexes(trees)
        try addIndexes(encoded)
        var options = BulkInsertOptions()
        options.skipErrors = true
        let fromTrees = try trees.bulkInsert(documents, options: options)
        let fromBytes = try encoded.bulkInsert(encoded: EncodedDocuments(encoding: documents), options: options)
        XCTAssertEqual(fromBytes, fromTrees)
        XCTAssertEqual(fromBytes.skipped.map(\.index), [5_000, 5_001, 5_002])
        XCTAssertEqual(try contents(encoded), try contents(trees))
        XCTAssertEqual(indexEntries(encoded), indexEntries(trees))
        XCTAssertEqual(encoded.shardCounts, trees.shardCounts)
        XCTAssertEqual(try encoded.verifyConsistency(), [])

        // Into a collection that is not empty: decoded, inserted one by one.
        let more: [JSON] = [["_key": "m1", "v": [1, ["w": "x"]]], ["v": 2]]
        XCTAssertEqual(try encoded.bulkInsert(encoded: EncodedDocuments(encoding: more)).ingested, false)
        XCTAssertEqual(try encoded.document("m1")?["v"], [1, ["w": "x"]])
    }

    func testACorruptEncodedDocumentIsRefusedNotTrusted() throws {
        var builder = EncodedDocuments.Builder()
        BinaryJSON.encode(["_key": "fine"], into: &builder.bytes)
        builder.endDocument()
        builder.bytes.append(contentsOf: [0x07, 0x01, 0x10, 0x00, 0x00, 0x00])  // an object whose body is missing
        builder.endDocument()
        let documents = builder.finish()
        let users = try collection("users")
        _ = assertItemFailure(.internalError, index: 1) { _ = try users.bulkInsert(encoded: documents) }
        try assertEmpty(users)
        var options = BulkInsertOptions()
        options.skipErrors = true
        let result = try users.bulkInsert(encoded: documents, options: options)
        XCTAssertEqual(result.inserted, 1)
        XCTAssertEqual(result.skipped.map(\.index), [1])
    }

    // MARK: - Same result as insert(many:)

    func testBulkInsertIntoAnEmptyCollectionEqualsInsertMany() throws {
        // Several thousand documents: several chunks, merged.
        let documents = sample(9_000)
        let bulk = try collection("bulk"), many = try collection("many")
        try addIndexes(bulk)
        try addIndexes(many)

        let result = try bulk.bulkInsert(documents)
        XCTAssertEqual(result, BulkInsertResult(inserted: 9_000, skipped: [], ingested: true))
        for case .failure(let error) in try many.insert(many: documents) { XCTFail("\(error)") }

        XCTAssertEqual(bulk.count, 9_000)
        XCTAssertEqual(bulk.shardCounts, many.shardCounts)
        XCTAssertEqual(try contents(bulk), try contents(many))
        XCTAssertEqual(indexEntries(bulk), indexEntries(many))
        XCTAssertEqual(indexEntries(bulk).map(\.count).filter { $0 > 0 }.count, 6, "every index has entries")
        XCTAssertEqual(try bulk.verifyConsistency(), [])
        XCTAssertEqual(bulk.properties.keyOptions.lastValue, many.properties.keyOptions.lastValue)
        XCTAssertEqual(bulk.figures()["count"], many.figures()["count"])

        // Documents read back as users see them, with distinct revisions in input order.
        let first = try XCTUnwrap(try bulk.document("k1"))
        let second = try XCTUnwrap(try bulk.document("k2"))
        XCTAssertEqual(first.objectValue?.keys.prefix(3), ["_key", "_id", "_rev"])
        XCTAssertEqual(first["_id"], "bulk/k1")
        XCTAssertLessThan(first["_rev"].stringValue ?? "", second["_rev"].stringValue ?? "")
        // Later writes carry on: the generator and the revisions moved past the load.
        let next = try bulk.insert(["n": -1])
        XCTAssertEqual(next.key, try many.insert(["n": -1]).key)
        XCTAssertGreaterThan(next.rev, try XCTUnwrap(try bulk.document("k8999")?["_rev"].stringValue))
        XCTAssertEqual(try bulk.verifyConsistency(), [])
    }

    func testWithoutIndexesTheStoredFormIsEncodedDirectlyAndStillEqual() throws {
        let documents = sample(3_000) + [["_key": "sys", "_id": "x/y", "_rev": "r", "_from": "a/b", "_to": "c/d", "_z": 1]]
        let bulk = try collection("plain"), many = try collection("plainMany")
        XCTAssertEqual(try bulk.bulkInsert(documents).inserted, 3_001)
        _ = try many.insert(many: documents)
        XCTAssertEqual(try contents(bulk), try contents(many))
        XCTAssertEqual(bulk.shardCounts, many.shardCounts)
        XCTAssertEqual(try bulk.verifyConsistency(), [])
        XCTAssertEqual(try bulk.document("sys")?.objectValue?.keys, ["_key", "_id", "_rev", "_z"])

        // The stored form assembled from the encoded input's member bytes
        // is the encoding of the stored tree, system attributes anywhere.
        let shuffled: [JSON] = [
            ["a": 1, "_rev": "x", "b": [1, 2], "_key": "k", "c": ["d": "e"], "_to": "t/1", "_other": true],
            ["_id": "c/k", "_from": "f/1"], [:], ["only": "user", "members": 2],
        ]
        var runs: [Range<Int>] = []
        for document in documents.prefix(50) + documents.suffix(1) + shuffled {
            let body = try XCTUnwrap(document.objectValue)
            let encodedBody = BinaryJSON.encode(document)
            for edge in [nil, (from: "v/1", to: "v/2")] as [(from: String, to: String)?] {
                var buffer = ByteBuffer()
                try encodedBody.withUnsafeBufferPointer { bytes in
                    try DocumentCollection.encodeStored(key: "k", rev: "_rev-value", edge: edge, body: bytes, into: &buffer,
                                                        runs: &runs)
                }
                let expected = BinaryJSON.encode(.object(StoredDocument.make(key: "k", rev: "_rev-value", edge: edge, body: body)))
                XCTAssertEqual(buffer.takeBytes(), expected)
            }
        }
    }

    func testLongKeysThatShareTheirStartSortAndRepeatCorrectly() throws {
        // Keys and index values longer than the 16 bytes sorts compare first.
        let long = try collection("long"), reference = try collection("longMany")
        for target in [long, reference] {
            try target.createIndex(["type": "persistent", "fields": ["v"], "unique": true])
        }
        let documents: [JSON] = (0..<9_000).reversed().map { i in
            ["_key": .string("same-long-prefix-\(i)"), "v": .string("value with a long common start \(i % 9_000)")]
        }
        XCTAssertEqual(try long.bulkInsert(documents).inserted, 9_000)
        _ = try reference.insert(many: documents)
        XCTAssertEqual(try contents(long), try contents(reference))
        XCTAssertEqual(indexEntries(long), indexEntries(reference))
        XCTAssertEqual(try long.verifyConsistency(), [])

        let again = try collection("longAgain")
        try again.createIndex(["type": "persistent", "fields": ["v"], "unique": true])
        var repeated = documents
        // Item 10 is document 8989 (the input runs backwards).
        repeated[8_000] = ["_key": "same-long-prefix-x", "v": "value with a long common start 8989"]
        let error = assertItemFailure(.uniqueConstraintViolated, index: 8_000) { _ = try again.bulkInsert(repeated) }
        XCTAssertTrue(error?.message.hasSuffix("conflicting key: same-long-prefix-8989") ?? false, "\(String(describing: error))")
        repeated[8_000] = ["_key": "same-long-prefix-8989"]
        _ = assertItemFailure(.uniqueConstraintViolated, index: 8_000) { _ = try again.bulkInsert(repeated) }
        try assertEmpty(again)
    }

    func testGeneratorKindsAndCustomShardKeys() throws {
        let options = try CollectionOptions(json: ["keyOptions": ["type": "autoincrement", "increment": 5, "offset": 2]])
        let auto = try collection("auto", options)
        XCTAssertEqual(try auto.bulkInsert([["x": 1], ["_key": "40"], ["x": 2]]).inserted, 3)
        XCTAssertEqual(try contents(auto).keys.sorted(), ["2", "40", "42"])
        XCTAssertEqual(try auto.insert(["x": 3]).key, "47")

        let sharded = try collection("sharded", try CollectionOptions(json: ["shardKeys": ["city"]]))
        let reference = try collection("reference", try CollectionOptions(json: ["shardKeys": ["city"]]))
        let documents: [JSON] = (0..<200).map { ["city": .string("c\($0 % 17)")] }
        XCTAssertEqual(try sharded.bulkInsert(documents).inserted, 200)
        _ = try reference.insert(many: documents)
        XCTAssertEqual(sharded.shardCounts, reference.shardCounts)
        XCTAssertEqual(try sharded.verifyConsistency(), [])
        let withKey = assertItemFailure(.mustNotSpecifyKey, index: 1) {
            _ = try collection("sharded2", try CollectionOptions(json: ["shardKeys": ["city"]]))
                .bulkInsert([["city": "x"], ["_key": "mine", "city": "y"]])
        }
        XCTAssertNotNil(withKey)
    }

    // MARK: - All or nothing

    func testDuplicateKeyAbortsNamingTheItemAndWritesNothing() throws {
        let users = try collection("users")
        try addIndexes(users)
        var documents = sample(6_000)
        documents[5_500] = ["_key": "k7", "n": 1]  // k7 is item 7: a duplicate in another chunk
        let error = assertItemFailure(.uniqueConstraintViolated, index: 5_500) { _ = try users.bulkInsert(documents) }
        XCTAssertTrue(error?.message.contains("conflicting key: k7") ?? false, "\(String(describing: error))")
        XCTAssertTrue(error?.bulkInsertFailure?.error.message.hasPrefix("unique constraint violated") ?? false)
        try assertEmpty(users)
        // Keys generated for the refused load are not used up.
        XCTAssertEqual(try users.insert(["x": 1]).key, "1")
        try users.remove(DocumentSelector(key: "1"))
        // Still empty, so the bulk path again; the first failure in input order wins.
        documents[5_500] = ["_key": "k5500"]
        documents[3] = ["_key": "k1"]
        documents[4] = ["_key": "bad key"]
        _ = assertItemFailure(.uniqueConstraintViolated, index: 3) { _ = try users.bulkInsert(documents) }
        try assertEmpty(users)
    }

    func testUniqueIndexViolationAbortsNamingTheItemAndTheOwner() throws {
        let users = try collection("users")
        try users.createIndex(["type": "persistent", "fields": ["email"], "unique": true])
        let documents: [JSON] = [
            ["_key": "a", "email": "x@example.com"], ["_key": "b", "email": "y@example.com"],
            ["_key": "c"], ["_key": "d"],  // both null: a non-sparse unique index refuses the second
        ]
        let error = assertItemFailure(.uniqueConstraintViolated, index: 3) { _ = try users.bulkInsert(documents) }
        XCTAssertTrue(error?.message.contains("in index idx_") ?? false, "\(String(describing: error))")
        XCTAssertTrue(error?.message.hasSuffix("conflicting key: c") ?? false, "\(String(describing: error))")
        try assertEmpty(users)

        let again: [JSON] = [["_key": "a", "email": "x@example.com"], ["_key": "b", "email": "x@example.com"]]
        let second = assertItemFailure(.uniqueConstraintViolated, index: 1) { _ = try users.bulkInsert(again) }
        XCTAssertTrue(second?.message.hasSuffix("conflicting key: a") ?? false, "\(String(describing: second))")
        try assertEmpty(users)

        // A unique array index that does not deduplicate refuses a document repeating a value.
        let tagged = try collection("tagged")
        try tagged.createIndex(["type": "persistent", "fields": ["tags[*]"], "unique": true, "deduplicate": false])
        _ = assertItemFailure(.uniqueConstraintViolated, index: 1) {
            _ = try tagged.bulkInsert([["_key": "p", "tags": ["a"]], ["_key": "q", "tags": ["b", "b"]]])
        }
        try assertEmpty(tagged)
    }

    func testEdgesAreValidatedAndIndexed() throws {
        let knows = try collection("knows", CollectionOptions(type: .edge))
        _ = assertItemFailure(.invalidEdgeAttribute, index: 1) {
            _ = try knows.bulkInsert([["_from": "users/a", "_to": "users/b"], ["_from": "users/a"]])
        }
        _ = assertItemFailure(.invalidEdgeAttribute, index: 0) {
            _ = try knows.bulkInsert([["_from": "not a handle", "_to": "users/b"]])
        }
        try assertEmpty(knows)
        let result = try knows.bulkInsert([
            ["_key": "e1", "_from": "users/a", "_to": "users/b"],
            ["_key": "e2", "_from": "users/b", "_to": "users/c"],
            ["_key": "e3", "_from": "users/a", "_to": "users/c", "since": 2020],
        ])
        XCTAssertEqual(result.inserted, 3)
        XCTAssertEqual(try knows.edgeKeys(of: "users/a", direction: .outbound), ["e1", "e3"])
        XCTAssertEqual(try knows.edgeKeys(of: "users/c", direction: .inbound), ["e2", "e3"])
        XCTAssertEqual(try knows.document("e3")?.objectValue?.keys, ["_key", "_id", "_rev", "_from", "_to", "since"])
        XCTAssertEqual(try knows.verifyConsistency(), [])
    }

    func testEveryKindOfRefusalIsNamed() throws {
        let users = try collection("users")
        let huge = JSON.string(String(repeating: "x", count: 600 * 1024))
        let cases: [(JSON, ErrorCode)] = [
            ([1, 2], .documentTypeInvalid),
            (["_key": "has space"], .documentKeyBad),
            (["_key": 12], .documentKeyBad),
            (["_key": "big", "blob": huge], .documentTooLarge),
        ]
        for (document, code) in cases {
            _ = assertItemFailure(code, index: 1) { _ = try users.bulkInsert([["_key": "fine"], document]) }
            try assertEmpty(users)
        }
        let fixed = try collection("fixed", try CollectionOptions(json: ["keyOptions": ["allowUserKeys": false]]))
        _ = assertItemFailure(.documentKeyUnexpected, index: 0) { _ = try fixed.bulkInsert([["_key": "mine"]]) }
        var restore = BulkInsertOptions()
        restore.isRestore = true
        XCTAssertEqual(try fixed.bulkInsert([["_key": "mine"]], options: restore).inserted, 1)
    }

    // MARK: - Skipping, validating, falling back

    func testSkipErrorsDropsRefusedItemsAndWritesTheRest() throws {
        let users = try collection("users")
        try users.createIndex(["type": "persistent", "fields": ["email"], "unique": true, "sparse": true])
        let huge = JSON.string(String(repeating: "x", count: 600 * 1024))
        let documents: [JSON] = [
            ["_key": "a", "email": "a@x"],
            "not an object",
            ["_key": "b", "email": "a@x"],         // email taken by a
            ["_key": "a"],                         // key taken by a
            ["_key": "c", "blob": huge],           // too large
            ["_key": "c", "email": "c@x"],         // fine: the refused c above took nothing
            ["_key": "bad/key"],
            ["_key": "d", "email": "b@x"],         // fine: b was refused, so its email is free
            ["n": 1],                              // generated key
        ]
        var options = BulkInsertOptions()
        options.skipErrors = true
        let result = try users.bulkInsert(documents, options: options)
        XCTAssertTrue(result.ingested)
        XCTAssertEqual(result.inserted, 4)
        XCTAssertEqual(result.skipped.map(\.index), [1, 2, 3, 4, 6])
        XCTAssertEqual(result.skipped.map(\.error.errorNum), [1227, 1210, 1210, 1216, 1221])
        XCTAssertTrue(result.skipped[1].error.message.hasSuffix("conflicting key: a"), result.skipped[1].error.message)
        XCTAssertEqual(try contents(users).keys.sorted(), ["1", "a", "c", "d"])
        XCTAssertEqual(try users.document("d")?["email"], "b@x")
        XCTAssertEqual(users.count, 4)
        XCTAssertEqual(try users.verifyConsistency(), [])

        // Nothing acceptable: nothing written, the collection stays empty.
        let empty = try collection("empty")
        let none = try empty.bulkInsert([1, 2], options: options)
        XCTAssertEqual(none, BulkInsertResult(
            inserted: 0, skipped: none.skipped, ingested: true))
        XCTAssertEqual(none.skipped.map(\.index), [0, 1])
        try assertEmpty(empty)
    }

    func testAKeyTakenBeforeASizeProblemIsReportedAsTaken() throws {
        // insert checks the _key before the size, so must the bulk path.
        let users = try collection("users")
        let huge = JSON.string(String(repeating: "x", count: 600 * 1024))
        _ = assertItemFailure(.uniqueConstraintViolated, index: 1) {
            _ = try users.bulkInsert([["_key": "a"], ["_key": "a", "blob": huge]])
        }
        try assertEmpty(users)
    }

    func testValidateOnlyChecksEverythingAndWritesNothing() throws {
        let users = try collection("users")
        try addIndexes(users)
        var options = BulkInsertOptions()
        options.validateOnly = true
        XCTAssertEqual(try users.bulkInsert(sample(500), options: options),
                       BulkInsertResult(inserted: 500, skipped: [], ingested: true))
        try assertEmpty(users)
        _ = assertItemFailure(.uniqueConstraintViolated, index: 2) {
            _ = try users.bulkInsert([["_key": "a"], ["_key": "b"], ["_key": "a"]], options: options)
        }
        try assertEmpty(users)
        XCTAssertEqual(try users.insert(["x": 1]).key, "1", "validating used up no keys")
    }

    func testANonEmptyCollectionGoesThroughTheTransactionalPathWithTheSameContract() throws {
        let users = try collection("users")
        try users.createIndex(["type": "persistent", "fields": ["email"], "unique": true, "sparse": true])
        try users.insert(["_key": "old", "email": "old@x"])

        _ = assertItemFailure(.uniqueConstraintViolated, index: 1) {
            _ = try users.bulkInsert([["_key": "new1"], ["_key": "new2", "email": "old@x"], ["_key": "new3"]])
        }
        _ = assertItemFailure(.uniqueConstraintViolated, index: 0) { _ = try users.bulkInsert([["_key": "old"]]) }
        XCTAssertEqual(try contents(users).keys.sorted(), ["old"], "nothing of the refused loads was written")

        let result = try users.bulkInsert([["_key": "b"], ["_key": "c", "email": "c@x"]])
        XCTAssertEqual(result, BulkInsertResult(inserted: 2, skipped: [], ingested: false))
        var options = BulkInsertOptions()
        options.skipErrors = true
        let skipping = try users.bulkInsert([["_key": "b"], ["_key": "d"]], options: options)
        XCTAssertEqual(skipping.inserted, 1)
        XCTAssertEqual(skipping.skipped.map(\.index), [0])
        XCTAssertFalse(skipping.ingested)
        XCTAssertEqual(try contents(users).keys.sorted(), ["b", "c", "d", "old"])
        XCTAssertEqual(users.count, 4)
        XCTAssertEqual(try users.verifyConsistency(), [])

        // Emptied again (by removing, so zero counters remain stored): the bulk path, correct counts.
        for key in ["b", "c", "d", "old"] { try users.remove(DocumentSelector(key: key)) }
        let reloaded = try users.bulkInsert([["_key": "x"], ["_key": "y"]])
        XCTAssertTrue(reloaded.ingested)
        XCTAssertEqual(users.count, 2)
        XCTAssertEqual(try users.verifyConsistency(), [])
        // And after a truncate.
        try users.truncate()
        XCTAssertTrue(try users.bulkInsert([["_key": "z", "email": "old@x"]]).ingested)
        XCTAssertEqual(try contents(users).keys.sorted(), ["z"])
        XCTAssertEqual(try users.verifyConsistency(), [])
    }

    func testEmptyInputAndDroppedCollection() throws {
        let users = try collection("users")
        XCTAssertEqual(try users.bulkInsert([]), BulkInsertResult(inserted: 0, skipped: [], ingested: true))
        try engine.fabric().dropCollection("users")
        assertError(.collectionNotFound) { try users.bulkInsert([["_key": "a"]]) }
    }
}

/// The same tests on RocksDB (the table file path), plus a reopen.
final class BulkInsertRocksDBTests: BulkInsertTests {
    override func makeEngine() throws -> Engine { try Engine.open(directory: temporaryDirectory().path) }

    func testBulkLoadedDataSurvivesReopen() throws {
        let directory = temporaryDirectory().path
        let documents: [JSON] = (0..<5_000).map { i in
            i % 10 == 0 ? ["n": .int(Int64(i)), "email": .string("e\(i)")]
                : ["_key": .string("k\(i)"), "n": .int(Int64(i)), "email": .string("e\(i)")]
        }
        do {
            let engine = try Engine.open(directory: directory)
            defer { engine.close() }
            let users = try engine.fabric().createCollection("users")
            try users.createIndex(["type": "persistent", "fields": ["email"], "unique": true])
            XCTAssertEqual(try users.bulkInsert(documents).inserted, 5_000)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory + "/ingest")
            XCTAssertEqual(leftovers, [], "the table file was moved into the store")
        }
        let engine = try Engine.open(directory: directory)
        defer { engine.close() }
        let users = try engine.fabric().collection("users")
        XCTAssertEqual(users.count, 5_000)
        XCTAssertEqual(try users.document("k4999")?["n"], 4999)
        XCTAssertEqual(try users.verifyConsistency(), [])
        assertError(.uniqueConstraintViolated) { try users.insert(["_key": "k1"]) }
        assertError(.uniqueConstraintViolated) { try users.insert(["_key": "fresh", "email": "e7"]) }
        XCTAssertEqual(try users.insert(["n": -1]).key, "501", "the generator's state was persisted")
    }
}
