import C8Client
import C8Core
import C8Net
#if canImport(Glibc)
import Glibc
#endif
import XCTest

/// The connection contract over HTTP: ``RemoteConnection`` against an
/// in-process server on a fresh in-memory engine, the same test methods as
/// the embedded runs.
final class RemoteConnectionContractTests: ConnectionContractTests {
    private var server: InProcessServer?

    override func makeConnection() throws -> any C8Connection {
        let server = try InProcessServer()
        self.server = server
        return try RemoteConnection(url: server.url, credentials: .apiKey(InProcessServer.adminKey))
    }

    override func tearDown() {
        super.tearDown()
        server?.stop()
        server = nil
    }

    private var url: String { server?.url ?? "" }

    private func expectFailure(_ status: Int, _ errorNum: Int, file: StaticString = #filePath, line: UInt = #line,
                               _ body: () async throws -> Void) async -> C8Error? {
        do {
            try await body()
            XCTFail("expected HTTP \(status) [\(errorNum)]", file: file, line: line)
        } catch let error as C8Error {
            XCTAssertEqual(error.code, status, "\(error)", file: file, line: line)
            XCTAssertEqual(error.errorNum, errorNum, "\(error)", file: file, line: line)
            return error
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
        return nil
    }

    func testEndpointNamesTheURL() {
        XCTAssertEqual(connection.endpoint, url)
    }

    func testVerifyChecksTheKey() async throws {
        let remote = try XCTUnwrap(connection as? RemoteConnection)
        let version = try await remote.verify()
        XCTAssertFalse(version.isEmpty)
        let wrong = try RemoteConnection(url: url, credentials: .apiKey("not-the-key"))
        _ = await expectFailure(401, ErrorCode.forbidden.rawValue) { try await wrong.verify() }
        let anonymous = try RemoteConnection(url: url, credentials: .anonymous)
        _ = await expectFailure(401, ErrorCode.forbidden.rawValue) { _ = try await anonymous.fabrics() }
    }

    func testPasswordLoginSendsTheSessionToken() async throws {
        // Users are made through the API, as an administrator would.
        let client = try HTTPClient(baseURL: url)
        var create = HTTPRequest(method: .post, target: "/_api/user")
        create.headers.set("Authorization", "apikey \(InProcessServer.adminKey)")
        create.body = JSON.object(["email": "ada@example.com", "passwd": "Analytical-1", "user": "ada"]).serialized()
        let created = try client.send(create)
        XCTAssertEqual(created.status / 100, 2, String(decoding: created.body, as: UTF8.self))

        let ada = try RemoteConnection(url: url, credentials: .password(email: "ada@example.com", password: "Analytical-1"))
        let version = try await ada.verify()
        XCTAssertFalse(version.isEmpty)
        let impostor = try RemoteConnection(url: url, credentials: .password(email: "ada@example.com", password: "Difference-2"))
        let refused = await expectFailure(401, ErrorCode.forbidden.rawValue) { try await impostor.verify() }
        XCTAssertNotNil(refused)
    }

    func testKeysThatNeedEncodingRoundTrip() async throws {
        _ = try await connection.createCollection("odd", in: "_system", options: [:])
        for key in ["a:b@c", "x+y=z", "semi;colon", "per%cent", "dollar$"] {
            _ = try await connection.insertDocument(["_key": .string(key)], into: "odd", fabric: "_system")
            let read = try await connection.document(key, in: "odd", fabric: "_system")
            XCTAssertEqual(read?["_key"].stringValue, key)
            try await connection.removeDocument(key, from: "odd", fabric: "_system")
        }
    }

    func testNetworkFailuresNameTheEndpoint() async throws {
        // A port held by a socket that is bound but not listening: connecting
        // is refused, and no other test's server can take the port meanwhile
        // (a freed port could be reused by a parallel test and answer late).
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        XCTAssertTrue(bound)
        let deadURL = "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))"
        let dead = try RemoteConnection(url: deadURL, credentials: .apiKey("k"), requestTimeout: .seconds(10))
        let error = await expectFailure(503, 503) { _ = try await dead.fabrics() }
        XCTAssertTrue(error?.message.contains(deadURL.replacingOccurrences(of: "http://", with: "")) == true, "\(String(describing: error))")
        _ = await expectFailure(400, ErrorCode.badParameter.rawValue) { _ = try RemoteConnection(url: "ftp://x", credentials: .anonymous) }
    }

    func testTLSVerificationFailureSaysSo() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("c8-remote-tls-\(UUID().uuidString)").path
        directories.append(directory)
        let tls = try InProcessServer(tlsDirectory: directory)
        defer { tls.stop() }
        let strict = try RemoteConnection(url: tls.tlsURL ?? "", credentials: .apiKey(InProcessServer.adminKey))
        let error = await expectFailure(503, 503) { try await strict.verify() }
        XCTAssertTrue(error?.message.contains("TLS") == true, "\(String(describing: error))")
        let insecure = try RemoteConnection(url: tls.tlsURL ?? "", credentials: .apiKey(InProcessServer.adminKey), tlsVerification: .none)
        let version = try await insecure.verify()
        XCTAssertFalse(version.isEmpty)
        let trusting = try RemoteConnection(url: tls.tlsURL ?? "", credentials: .apiKey(InProcessServer.adminKey),
                                            tlsVerification: .caFile(tls.caFile ?? ""))
        let fabrics = try await trusting.fabrics()
        XCTAssertEqual(fabrics.map(\.name), ["_system"])
    }
}
