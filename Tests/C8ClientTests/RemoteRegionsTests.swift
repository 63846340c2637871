import C8Client
import C8Cluster
import C8Core
import C8Engine
import C8Net
import C8Server
import Foundation
import XCTest

/// The remote connection against a server of three regions: the region it
/// talks to, switching by host, and driving the simulator — what the
/// console does with `--url`.
final class RemoteRegionsTests: XCTestCase {
    private static let adminKey = "regions-admin-key"
    private var federation: Federation!
    private var server: HTTPServer!
    private var connection: RemoteConnection!

    override func setUpWithError() throws {
        // Short links: the test is about routing, not geography.
        federation = try Federation.inMemory(configuration: FederationConfiguration(latencyMs: { _, _ in 5 }))
        try federation.localRegion.engine.prepareAccounts(adminKey: Self.adminKey)
        let authenticator = Authenticator(engine: federation.localRegion.engine)
        let api = try C8APIHandler(
            federation: federation, configuration: C8APIConfiguration(tenant: federation.localRegion.engine.defaultTenantName),
            gate: PermissionGate(authenticator: authenticator), extraGroups: AuthRouteGroups.all(authenticator: authenticator))
        var configuration = HTTPServerConfiguration(listeners: [HTTPListenerConfiguration(host: "127.0.0.1", port: 0)])
        configuration.log = .disabled
        server = HTTPServer(configuration: configuration, handler: api)
        try server.start()
        connection = try RemoteConnection(url: "http://127.0.0.1:\(server.port ?? 0)", credentials: .apiKey(Self.adminKey))
    }

    override func tearDown() {
        connection?.close()
        server?.stop()
        federation?.close()
    }

    func testTheRemoteConnectionSwitchesRegionByHostAndDrivesTheSimulator() async throws {
        _ = try await connection.verify()
        XCTAssertEqual(connection.region, "us-east", "learnt from /datacenter/local")

        var status = try await connection.simulatorStatus()
        XCTAssertEqual(status.regions.map(\.name), ["us-east", "eu-west", "ap-south"])
        try await connection.simulate(.partition("us-east", "ap-south"))
        status = try await connection.simulatorStatus()
        XCTAssertEqual(status.region("ap-south")?.link(to: "us-east")?.partitioned, true)
        try await connection.simulate(.heal(nil))

        try await connection.useRegion("eu-west")
        XCTAssertEqual(connection.region, "eu-west")
        _ = try await connection.createCollection("notes", in: "_system", options: [:])
        _ = try await connection.insertDocument(["_key": "n1", "by": "eu-west"], into: "notes", fabric: "_system")
        XCTAssertEqual(federation.localRegion.engine.region, "us-east")
        let inEuWest = try federation.region("eu-west").engine.fabric().collection("notes").document("n1")
        XCTAssertNotNil(inEuWest, "the write went to eu-west's engine")

        try await connection.useRegion("us-east")
        var replicated: JSON?
        for _ in 0..<200 where replicated == nil {
            replicated = try await connection.document("n1", in: "notes", fabric: "_system")
            if replicated == nil { try await Task.sleep(nanoseconds: 10_000_000) }
        }
        XCTAssertEqual(replicated?["by"], "eu-west", "and replicated to us-east")

        do {
            try await connection.useRegion("mars")
            XCTFail("an unknown region is refused")
        } catch {
            XCTAssertEqual(error.code, 404)
        }
        XCTAssertEqual(connection.region, "us-east")
    }
}
