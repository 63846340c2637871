import C8Core
import C8Engine
@testable import C8Server
import XCTest

final class DocumentRoutesTests: XCTestCase {
    private func harness() throws -> APIHarness {
        let api = try APIHarness()
        try api.fabric.createCollection("c")
        return api
    }

    private let base = "/_fabric/_system/_api/document/c"

    func testInsertReadAndHead() throws {
        let api = try harness()
        let inserted = api.send(.post, base + "?returnNew=0&silent=0", body: #"{"_key": "k1", "a": 1}"#)
        XCTAssertEqual(inserted.status, 202)
        XCTAssertEqual(inserted.json["_id"], "c/k1")
        XCTAssertEqual(inserted.json["_key"], "k1")
        let rev = try XCTUnwrap(inserted.json["_rev"].stringValue)
        XCTAssertTrue(inserted.json["new"].isNull)
        XCTAssertTrue(inserted.json["errorNum"].isNull)
        XCTAssertEqual(inserted.header("ETag"), "\"\(rev)\"")

        let read = api.send(.get, base + "/k1")
        XCTAssertEqual(read.status, 200)
        XCTAssertEqual(read.json["a"], 1)
        XCTAssertEqual(read.json["_rev"], .string(rev))
        XCTAssertEqual(read.header("ETag"), "\"\(rev)\"")

        let head = api.send(.head, base + "/k1")
        XCTAssertEqual(head.status, 200)
        XCTAssertTrue(head.response.body.isEmpty)
        XCTAssertEqual(head.header("ETag"), "\"\(rev)\"")
        XCTAssertEqual(head.header("Content-Length"), String(read.response.body.count), "the length GET sends")

        let headMissing = api.send(.head, base + "/nope")
        XCTAssertEqual(headMissing.status, 404)
        XCTAssertTrue(headMissing.response.body.isEmpty)
    }

    func testInsertOptions() throws {
        let api = try harness()
        let synced = api.send(.post, base + "?returnNew=True&waitForSync=true", json: ["_key": "k", "a": 1])
        XCTAssertEqual(synced.status, 201)
        XCTAssertEqual(synced.json["new"]["a"], 1)
        XCTAssertEqual(synced.json["new"]["_id"], "c/k")

        let silent = api.send(.post, base + "?silent=true", json: ["a": 2])
        XCTAssertEqual(silent.status, 202)
        XCTAssertEqual(silent.json.jsonString(), "{}")

        assertError(api.send(.post, base, json: ["_key": "k"]), status: 409, errorNum: 1210)
        let overwritten = api.send(.post, base + "?overwrite=true&returnOld=true", json: ["_key": "k", "b": 2])
        XCTAssertEqual(overwritten.status, 202)
        XCTAssertEqual(overwritten.json["old"]["a"], 1)
        XCTAssertNotNil(overwritten.json["_oldRev"].stringValue)
        let merged = api.send(.post, base + "?overwriteMode=update&returnNew=1", json: ["_key": "k", "c": 3])
        XCTAssertEqual(merged.json["new"]["b"], 2)
        XCTAssertEqual(merged.json["new"]["c"], 3)
        let ignored = api.send(.post, base + "?overwriteMode=ignore", json: ["_key": "k", "d": 4])
        XCTAssertEqual(ignored.json["_rev"], merged.json["_rev"])
        assertError(api.send(.post, base + "?overwriteMode=sideways", json: ["_key": "z"]), status: 400, errorNum: 10)
        assertError(api.send(.post, base, json: ["_key": "bad key"]), status: 400, errorNum: 1221)
        assertError(api.send(.post, base, body: "42"), status: 400, errorNum: 1227)
        assertError(api.send(.post, "/_api/document/none", json: ["a": 1]), status: 404, errorNum: 1203)
    }

    func testInsertManyReportsFailuresWithoutID() throws {
        let api = try harness()
        let reply = api.send(.post, base + "?returnNew=0&silent=0", body: #"[{"_key": "a"}, {"_key": "a"}, {"_key": "b"}]"#)
        XCTAssertEqual(reply.status, 202)
        let items = try XCTUnwrap(reply.json.arrayValue)
        XCTAssertEqual(items.count, 3)
        XCTAssertEqual(items[0]["_id"], "c/a")
        XCTAssertTrue(items[1]["_id"].isNull, "pyC8 takes an item with _id for a success")
        XCTAssertEqual(items[1]["error"], true)
        XCTAssertEqual(items[1]["errorNum"], 1210)
        XCTAssertEqual(items[2]["_key"], "b")
        let silent = api.send(.post, base + "?silent=true", body: #"[{"_key": "x"}, {"_key": "a"}]"#).json
        XCTAssertEqual(silent.arrayValue?.count, 1, "silent batches list only failures")
        XCTAssertEqual(silent[0]["errorNum"], 1210)
    }

    func testMissingDocumentIs1202() throws {
        let api = try harness()
        for reply in [api.send(.get, base + "/nope"), api.send(.patch, base + "/nope", json: ["a": 1]),
                      api.send(.put, base + "/nope", json: ["a": 1]), api.send(.delete, base + "/nope")] {
            assertError(reply, status: 404, errorNum: 1202)
        }
        assertError(api.send(.get, "/_api/document/none/k"), status: 404, errorNum: 1203)
    }

    func testUpdateAsPyC8SendsIt() throws {
        let api = try harness()
        let rev = try XCTUnwrap(api.send(.post, base, json: ["_key": "k", "a": 1, "n": ["x": 1, "y": 2], "gone": 1]).json["_rev"].stringValue)
        let query = "?keepNull=0&mergeObjects=1&returnNew=1&returnOld=1&ignoreRevs=0&overwrite=0&silent=0"
        let updated = api.send(.patch, base + "/k" + query, body: #"{"_key": "k", "a": 2, "n": {"y": 3}, "gone": null}"#)
        XCTAssertEqual(updated.status, 202)
        XCTAssertEqual(updated.json["_oldRev"], .string(rev))
        XCTAssertEqual(updated.json["old"]["a"], 1)
        XCTAssertEqual(updated.json["new"]["a"], 2)
        XCTAssertEqual(updated.json["new"]["n"], ["x": 1, "y": 3])
        XCTAssertNil(updated.json["new"].objectValue?["gone"], "keepNull=0 removes nulls")
        XCTAssertEqual(updated.header("ETag"), "\"\(updated.json["_rev"].stringValue ?? "")\"")

        let replaced = api.send(.put, base + "/k?returnNew=True&ignoreRevs=False", json: ["only": true])
        XCTAssertEqual(replaced.json["_oldRev"], updated.json["_rev"])
        XCTAssertEqual(replaced.json["new"].objectValue?.keys.sorted(), ["_id", "_key", "_rev", "only"])
    }

    func testRevisionInTheBodyGuardsWhenIgnoreRevsIsOff() throws {
        let api = try harness()
        let rev = try XCTUnwrap(api.send(.post, base, json: ["_key": "k"]).json["_rev"].stringValue)
        let stale = api.send(.patch, base + "/k?ignoreRevs=0", json: ["_rev": "stale", "a": 1])
        assertError(stale, status: 412, errorNum: 1200)
        XCTAssertEqual(stale.json["_rev"], .string(rev), "the current revision comes back")
        XCTAssertEqual(stale.json["_id"], "c/k")
        XCTAssertEqual(stale.json["_key"], "k")
        XCTAssertEqual(api.send(.patch, base + "/k?ignoreRevs=1", json: ["_rev": "stale", "a": 1]).status, 202,
                       "ignoreRevs (the default) ignores the body's _rev")
        let current = try XCTUnwrap(api.send(.get, base + "/k").json["_rev"].stringValue)
        XCTAssertEqual(api.send(.put, base + "/k?ignoreRevs=false", json: ["_rev": .string(current), "b": 1]).status, 202)
    }

    func testIfMatchAndIfNoneMatch() throws {
        let api = try harness()
        let rev = try XCTUnwrap(api.send(.post, base, json: ["_key": "k"]).json["_rev"].stringValue)
        XCTAssertEqual(api.send(.get, base + "/k", headers: [("If-Match", rev)]).status, 200)
        let mismatch = api.send(.get, base + "/k", headers: [("If-Match", "\"other\"")])
        assertError(mismatch, status: 412, errorNum: 1200)
        XCTAssertEqual(mismatch.json["_rev"], .string(rev))
        let notModified = api.send(.get, base + "/k", headers: [("If-None-Match", "\"\(rev)\"")])
        XCTAssertEqual(notModified.status, 304)
        XCTAssertTrue(notModified.response.body.isEmpty)
        XCTAssertEqual(api.send(.get, base + "/k", headers: [("If-None-Match", "\"older\"")]).status, 200)

        assertError(api.send(.patch, base + "/k", json: ["a": 1], headers: [("If-Match", "other")]), status: 412, errorNum: 1200)
        assertError(api.send(.put, base + "/k", json: ["a": 1], headers: [("If-Match", "other")]), status: 412, errorNum: 1200)
        assertError(api.send(.delete, base + "/k", headers: [("If-Match", "other")]), status: 412, errorNum: 1200)
        XCTAssertEqual(api.send(.delete, base + "/k", headers: [("If-Match", rev)]).status, 202)
    }

    func testRemoveOptions() throws {
        let api = try harness()
        api.send(.post, base, json: ["_key": "k", "a": 1])
        let removed = api.send(.delete, base + "/k?returnOld=1&ignoreRevs=0&overwrite=0&silent=0")
        XCTAssertEqual(removed.status, 202)
        XCTAssertEqual(removed.json["_id"], "c/k")
        XCTAssertEqual(removed.json["old"]["a"], 1)
        api.send(.post, base, json: ["_key": "s"])
        XCTAssertEqual(api.send(.delete, base + "/s?waitForSync=true").status, 200)
    }

    func testBatchUpdateReplaceAndRemove() throws {
        let api = try harness()
        let a = api.send(.post, base, json: ["_key": "a", "v": 1]).json
        api.send(.post, base, json: ["_key": "b", "v": 1])
        let updated = api.send(.patch, base + "?keepNull=1&mergeObjects=1&returnNew=0&returnOld=0&ignoreRevs=0&overwrite=0&silent=0",
                               json: [["_key": "a", "v": 2, "_rev": a["_rev"]], ["_key": "b", "v": 2, "_rev": "stale"], ["_key": "zz", "v": 1]])
        XCTAssertEqual(updated.status, 202)
        let items = try XCTUnwrap(updated.json.arrayValue)
        XCTAssertEqual(items[0]["_oldRev"], a["_rev"])
        XCTAssertEqual(items[1]["errorNum"], 1200, "pyC8 turns 1200 items into DocumentRevisionError")
        XCTAssertTrue(items[1]["_id"].isNull)
        XCTAssertEqual(items[2]["errorNum"], 1202)

        let replaced = api.send(.put, base, json: [["_key": "a", "w": 1]]).json
        XCTAssertNotNil(replaced[0]["_oldRev"].stringValue)
        XCTAssertEqual(api.send(.get, base + "/a").json["v"], .null)

        let removed = api.send(.delete, base + "?returnOld=0&ignoreRevs=0&overwrite=0&silent=0", body: #"["a", {"_key": "b"}, "c/missing"]"#).json
        XCTAssertEqual(removed[0]["_key"], "a")
        XCTAssertEqual(removed[1]["_key"], "b")
        XCTAssertEqual(removed[2]["errorNum"], 1202)
        XCTAssertEqual(try api.fabric.collection("c").count, 0)
        assertError(api.send(.patch, base, json: ["_key": "a"]), status: 400, errorNum: 10)
    }

    func testEdgeDocumentsNeedHandles() throws {
        let api = try APIHarness()
        try api.fabric.createCollection("e", options: CollectionOptions(type: .edge))
        let edge = api.send(.post, "/_api/document/e", json: ["_from": "v/1", "_to": "v/2"])
        XCTAssertEqual(edge.status, 202)
        assertError(api.send(.post, "/_api/document/e", json: ["_from": "nope"]), status: 400, errorNum: 1233)
    }
}
