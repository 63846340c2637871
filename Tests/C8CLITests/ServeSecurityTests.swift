import C8Core
import C8Net
import Foundation
import Glibc
import XCTest

/// `c8 serve` and its secrets (issue 10): nothing secret in what it
/// prints, a private data directory, and TLS keys others may read refused.
final class ServeSecurityTests: XCTestCase {
    private let password = "Sdk@123456##"

    private func temporaryPath(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("c8-\(name)-\(UUID().uuidString)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    private func start(_ arguments: [String]) throws -> (ServerProcess, HTTPClient) {
        let server = try ServerProcess(arguments: ["serve", "--port", "0"] + arguments)
        addTeardownBlock { server.kill() }
        let line = try server.waitForLine(containing: "c8 serve: http on 127.0.0.1:")
        let port = try XCTUnwrap(Int(line.split(separator: ":").last ?? ""))
        return (server, try HTTPClient(baseURL: "http://127.0.0.1:\(port)"))
    }

    private func send(_ client: HTTPClient, _ method: HTTPMethod, _ target: String, _ body: String? = nil,
                      authorization: String? = nil) throws -> (status: Int, json: JSON) {
        var request = HTTPRequest(method: method, target: target, headers: HTTPHeaders([("Content-Type", "application/json")]),
                                  body: Array((body ?? "").utf8))
        if let authorization { request.headers.add("Authorization", authorization) }
        let response = try client.send(request)
        return (response.status, response.body.isEmpty ? .null : try JSON.parse(response.body))
    }

    /// Logins good and bad, key creation and requests with every kind of
    /// credential, then a stop: no secret in anything the server printed.
    func testNoSecretReachesTheServersOutput() throws {
        let adminKey = "admin-\(UUID().uuidString)"
        let (server, client) = try start(["--data-dir", temporaryPath("logs"), "--admin-key", adminKey])
        let admin = "apikey " + adminKey
        XCTAssertEqual(try send(client, .post, "/_api/user", #"{"user": "ann", "email": "ann@example.com", "passwd": "\#(password)"}"#,
                                authorization: admin).status, 201)
        let login = try send(client, .post, "/_open/auth", #"{"email": "ann@example.com", "password": "\#(password)"}"#)
        XCTAssertEqual(login.status, 200)
        let jwt = try XCTUnwrap(login.json["jwt"].stringValue)
        let wrongPassword = "Wrong@\(UUID().uuidString)"
        XCTAssertEqual(try send(client, .post, "/_open/auth", #"{"email": "ann@example.com", "password": "\#(wrongPassword)"}"#).status, 401)
        let created = try send(client, .post, "/_api/key", #"{"keyid": "k1"}"#, authorization: admin)
        XCTAssertEqual(created.status, 201)
        let key = try XCTUnwrap(created.json["key"].stringValue)
        XCTAssertEqual(try send(client, .get, "/_api/collection", authorization: "apikey " + key).status, 404, "no grants yet")
        XCTAssertEqual(try send(client, .get, "/_api/user", authorization: "bearer " + jwt).status, 200)
        XCTAssertEqual(try send(client, .get, "/_api/collection", authorization: "bearer " + jwt + "x").status, 401)
        XCTAssertEqual(try send(client, .get, "/_api/collection", authorization: "apikey " + key + "x").status, 401)
        XCTAssertEqual(try send(client, .post, "/_api/collection", "{not json", authorization: admin).status, 400)
        XCTAssertEqual(try server.terminate(), 0)

        let printed = server.standardOutput + server.standardError
        XCTAssertTrue(printed.contains("c8 serve: http on"), printed)
        for (name, secret) in [("admin key", adminKey), ("password", password), ("wrong password", wrongPassword),
                               ("API key", key), ("JWT", jwt), ("JWT signature", String(jwt.split(separator: ".").last ?? ""))] {
            XCTAssertFalse(printed.contains(secret), "the \(name) is in the server's output:\n\(printed)")
        }
    }

    func testTheDataDirectoryIsPrivate() throws {
        let fresh = temporaryPath("private") + "/data"
        let (first, _) = try start(["--data-dir", fresh])
        XCTAssertEqual(try XCTUnwrap(FileExposure(path: fresh)).mode, 0o700, "created for its owner only")
        XCTAssertFalse(first.standardError.contains("warning"), first.standardError)
        XCTAssertEqual(try first.terminate(), 0)

        let shared = temporaryPath("shared")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let (second, _) = try start(["--data-dir", shared])
        XCTAssertTrue(second.standardError.contains("warning: group or others may read the data dir \(shared) (mode 0755)"),
                      second.standardError)
        XCTAssertTrue(second.standardError.contains("chmod 700 \(shared)"), second.standardError)
    }

    func testATLSKeyOthersMayReadIsRefused() throws {
        let directory = temporaryPath("tls")
        let files = try DevelopmentCertificates.write(to: directory)
        XCTAssertEqual(chmod(files.keyFile, 0o644), 0)
        let server = try ServerProcess(arguments: ["serve", "--data-dir", directory + "/data", "--port", "0", "--tls-port", "0",
                                                   "--tls-cert", files.certificateFile, "--tls-key", files.keyFile])
        addTeardownBlock { server.kill() }
        XCTAssertEqual(try server.waitForExitStatus(), 1)
        XCTAssertTrue(server.standardError.contains("chmod 600 \(files.keyFile)"), server.standardError)
    }
}
