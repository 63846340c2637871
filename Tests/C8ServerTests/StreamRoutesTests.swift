import C8Core
import C8Net
@testable import C8Server
import XCTest

/// Streams over REST (C8-PROTOCOL.md §10) as pyC8 calls them.
final class StreamRoutesTests: XCTestCase {
    private let base = "/_fabric/_system/_api/streams"

    func testCreateListDelete() throws {
        let api = try APIHarness()
        let created = api.send(.post, base + "/s1?global=True")
        XCTAssertEqual(created.status, 200)
        XCTAssertEqual(created.json["result"]["stream-id"], "c8globals.s1")
        assertError(api.send(.post, base + "/s1?global=True"), status: 409, errorNum: 1207)
        XCTAssertEqual(api.send(.post, base + "/s2?global=False").json["result"]["stream-id"], "c8locals.s2")

        let all = api.send(.get, base).json["result"].arrayValue ?? []
        XCTAssertEqual(Set(all.compactMap { $0["topic"].stringValue }), ["c8globals.s1", "c8locals.s2"])
        let entry = try XCTUnwrap(all.first { $0["topic"] == "c8globals.s1" })
        XCTAssertEqual(entry["type"], 4)
        XCTAssertEqual(entry["local"], false)
        XCTAssertEqual(entry["db"], "_system")
        XCTAssertEqual(entry["tenant"], "c8")
        XCTAssertEqual(entry["_key"], "c8globals.s1_TYPE4")
        XCTAssertEqual(api.send(.get, base + "?global=true").json["result"].arrayValue?.count, 1)
        XCTAssertEqual(api.send(.get, base + "?global=false").json["result"][0]["topic"], "c8locals.s2")

        XCTAssertEqual(api.send(.delete, base + "/c8globals.s1").status, 200)
        assertError(api.send(.delete, base + "/c8globals.s1"), status: 404, errorNum: 404)
        assertError(api.send(.get, "/_fabric/nofabric/_api/streams"), status: 404, errorNum: 1228)
    }

    func testPublishBacklogStatsSubscriptionsClearAndExpire() throws {
        let api = try APIHarness()
        api.send(.post, base + "/s1?global=true")
        let streams = api.handler.services.streams
        let name = try XCTUnwrap(streams.streams(tenant: "c8", fabric: "_system").first?.name)
        try streams.subscribe(name, subscription: "slow", type: .exclusive, deliver: { _ in }).close()

        for text in ["one", "two", "three"] {
            let published = api.send(.post, base + "/c8globals.s1/publish", body: text)
            XCTAssertEqual(published.status, 200, published.json.jsonString())
            XCTAssertNotNil(published.json["result"]["messageId"].stringValue)
        }
        XCTAssertEqual(api.send(.get, base + "/c8globals.s1/subscriptions?global=true").json["result"], ["slow"])
        let backlog = api.send(.get, base + "/c8globals.s1/backlog?global=true").json["result"]
        XCTAssertEqual(backlog["cursorDetails"]["slow"]["cursorBacklog"], 3)
        XCTAssertEqual(backlog["messageBacklog"], 3)
        let stats = api.send(.get, base + "/c8globals.s1/stats?global=True").json["result"]
        XCTAssertEqual(stats["subscriptions"]["slow"]["msgBacklog"], 3)
        XCTAssertGreaterThan(stats["storageSize"].doubleValue ?? 0, 0)

        XCTAssertEqual(api.send(.post, base + "/clearbacklog/slow").status, 200)
        XCTAssertEqual(api.send(.get, base + "/c8globals.s1/backlog").json["result"]["cursorDetails"]["slow"]["cursorBacklog"], 0)
        api.send(.post, base + "/c8globals.s1/publish", body: "four")
        XCTAssertEqual(api.send(.post, base + "/c8globals.s1/expiry/0").status, 200)
        XCTAssertEqual(api.send(.get, base + "/c8globals.s1/backlog").json["result"]["cursorDetails"]["slow"]["cursorBacklog"], 0)

        XCTAssertEqual(api.send(.delete, base + "/c8globals.s1/subscriptions/slow?global=true").status, 200)
        XCTAssertEqual(api.send(.get, base + "/c8globals.s1/subscriptions").json["result"], [])
        assertError(api.send(.post, base + "/c8globals.s1/expiry/soon"), status: 400, errorNum: 10)
    }

    func testTTLIsPerFabricAndUnsubscribeReachesEveryStream() throws {
        let api = try APIHarness()
        XCTAssertEqual(api.send(.post, base + "/ttl/120?global=True").json["result"], 120)
        XCTAssertEqual(api.send(.get, base + "/ttl?global=True").json["result"], 120)

        api.send(.post, base + "/a?global=true")
        api.send(.post, base + "/b?global=true")
        let streams = api.handler.services.streams
        for info in streams.streams(tenant: "c8", fabric: "_system") {
            try streams.subscribe(info.name, subscription: "everywhere", type: .shared, deliver: { _ in }).close()
        }
        XCTAssertEqual(api.send(.delete, base + "/subscription/everywhere?global=true").status, 200)
        for topic in ["c8globals.a", "c8globals.b"] {
            XCTAssertEqual(api.send(.get, base + "/\(topic)/subscriptions").json["result"], [], topic)
        }
    }

    func testDroppingATenantDropsItsStreams() throws {
        let api = try AuthAPIHarness()
        let tenant = #"{"name": "spare", "email": "spare@example.com", "passwd": "\#(AuthAPIHarness.password)"}"#
        XCTAssertLessThan(api.admin(.post, "/_api/tenant", body: tenant).status, 300)
        let base = "/_tenant/spare/_fabric/_system/_api/streams"
        XCTAssertEqual(api.admin(.post, base + "/s?global=true").status, 200)
        XCTAssertEqual(api.admin(.get, base).json["result"].arrayValue?.count, 1)
        XCTAssertEqual(api.admin(.delete, "/_api/tenant/spare").status, 200)
        XCTAssertLessThan(api.admin(.post, "/_api/tenant", body: tenant).status, 300)
        XCTAssertEqual(api.admin(.get, base).json["result"], [], "a new tenant of the same name starts without streams")
    }

    func testDroppingAFabricDropsItsStreams() throws {
        let api = try APIHarness()
        api.send(.post, "/_fabric/_system/_api/database", json: ["name": "f1"])
        XCTAssertEqual(api.send(.post, "/_fabric/f1/_api/streams/s?global=true").status, 200)
        XCTAssertEqual(api.send(.delete, "/_fabric/_system/_api/database/f1").status, 200)
        api.send(.post, "/_fabric/_system/_api/database", json: ["name": "f1"])
        XCTAssertEqual(api.send(.get, "/_fabric/f1/_api/streams").json["result"], [])
    }

    func testOneTimePasswordIsIssuedForTheCallersCredentials() throws {
        let api = try APIHarness()
        let reply = api.send(.post, "/apid/otp", headers: [("Authorization", "apikey k")])
        XCTAssertEqual(reply.status, 200)
        let password = try XCTUnwrap(reply.json["otp"].stringValue)
        XCTAssertEqual(api.handler.services.oneTimePasswords.redeem(password), "apikey k")
        XCTAssertNil(api.handler.services.oneTimePasswords.redeem(password), "spent")
    }
}
