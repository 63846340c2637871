@testable import C8Net
import Foundation
import Glibc
import XCTest

/// TLS with the generated development certificates: the server side over
/// the event loop, the client side through `TLSStream`.
final class TLSTransportTests: XCTestCase {
    private var directory: String!
    private var files: DevelopmentCertificateFiles!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "c8-tls-\(UUID().uuidString)"
        files = try DevelopmentCertificates.write(to: directory, dnsNames: ["localhost", "*.test.localhost"],
                                                  ipAddresses: ["127.0.0.1"])
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func startTLSServer() throws -> HTTPServer {
        let context = try TLSContext.server(certificateFile: files.certificateFile, keyFile: files.keyFile)
        return try startServer(tls: context)
    }

    private func tlsClient(_ server: HTTPServer, verification: TLSServerVerification,
                           serverName: String?) throws -> RawHTTPConnection {
        let client = try RawHTTPConnection(port: try XCTUnwrap(server.tlsPort))
        try client.startTLS(context: try TLSContext.client(verification: verification), serverName: serverName)
        return client
    }

    func testWrittenFilesAreKeysAndCertificates() throws {
        let key = try String(contentsOfFile: files.keyFile, encoding: .utf8)
        XCTAssertTrue(key.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        XCTAssertTrue(try String(contentsOfFile: files.certificateFile, encoding: .utf8).hasPrefix("-----BEGIN CERTIFICATE-----"))
        let permissions = try FileManager.default.attributesOfItem(atPath: files.keyFile)[.posixPermissions] as? Int
        XCTAssertEqual(permissions, 0o600)
        // A stored CA loads back and issues more certificates.
        let authority = try CertificateAuthority(credentials: PEMCredentials(
            certificatePEM: try String(contentsOfFile: files.caCertificateFile, encoding: .utf8),
            privateKeyPEM: try String(contentsOfFile: files.caKeyFile, encoding: .utf8)))
        let issued = try authority.issueServerCertificate(dnsNames: ["other.localhost"])
        XCTAssertNotEqual(issued.certificatePEM, try String(contentsOfFile: files.certificateFile, encoding: .utf8))
        XCTAssertThrowsError(try CertificateAuthority(credentials: PEMCredentials(
            certificatePEM: authority.credentials.certificatePEM, privateKeyPEM: issued.privateKeyPEM)))
    }

    func testRoundTripOverTLSNextToPlainHTTP() throws {
        let server = try startTLSServer()
        let secure = try tlsClient(server, verification: .caFile(files.caCertificateFile), serverName: "localhost")
        for _ in 0..<2 { // keep-alive over TLS
            try secure.send("GET /peer HTTP/1.1\r\nHost: localhost\r\n\r\n")
            XCTAssertEqual(secure.readResponse()?.bodyText, "true \(server.tlsPort!) 127.0.0.1")
        }
        try secure.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 40000\r\n\r\n" + String(repeating: "z", count: 40000))
        XCTAssertEqual(secure.readResponse()?.body.count, "POST /echo ".utf8.count + 40000)

        let plain = try RawHTTPConnection(port: try XCTUnwrap(server.port))
        try plain.send("GET /peer HTTP/1.1\r\nHost: localhost\r\n\r\n")
        XCTAssertEqual(plain.readResponse()?.bodyText, "false \(server.port!) 127.0.0.1")
    }

    func testUpgradedProtocolRunsOverTLS() throws {
        let handler = TransportTestHandler()
        let context = try TLSContext.server(certificateFile: files.certificateFile, keyFile: files.keyFile)
        let server = try startServer(handler: handler, tls: context)
        let client = try tlsClient(server, verification: .caFile(files.caCertificateFile), serverName: "localhost")
        try client.send("GET /upgrade HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: shout\r\n\r\nearly")
        XCTAssertEqual(client.readResponse()?.status, 101)
        XCTAssertEqual(String(decoding: client.readBytes(5), as: UTF8.self), "EARLY")
        try client.send("bye")
        XCTAssertEqual(String(decoding: client.readBytes(3), as: UTF8.self), "BYE")
        XCTAssertTrue(client.readsEndOfStream())
        client.close() // ends the server's lingering at once
        XCTAssertEqual(handler.upgradeClosed.wait(timeout: .now() + 2), .success)
    }

    func testHostNamesAndAddressesInTheCertificateVerify() throws {
        let server = try startTLSServer()
        for name in ["api-eu.test.localhost", "127.0.0.1"] {
            let client = try tlsClient(server, verification: .caFile(files.caCertificateFile), serverName: name)
            try client.send("GET /x HTTP/1.1\r\nHost: \(name)\r\n\r\n")
            XCTAssertEqual(client.readResponse()?.status, 200, name)
        }
    }

    func testVerificationRefusesWrongNamesAndUnknownIssuers() throws {
        let server = try startTLSServer()
        XCTAssertThrowsError(try tlsClient(server, verification: .caFile(files.caCertificateFile), serverName: "example.com")) {
            XCTAssertNotNil(($0 as? TLSError)?.verificationFailure, "\($0)")
        }
        XCTAssertThrowsError(try tlsClient(server, verification: .systemTrustStore, serverName: "localhost")) {
            XCTAssertNotNil(($0 as? TLSError)?.verificationFailure, "\($0)")
        }
        XCTAssertThrowsError(try TLSSession(context: try TLSContext.client(verification: .systemTrustStore), serverName: nil),
                             "verifying needs a name to verify")
        let insecure = try tlsClient(server, verification: .none, serverName: "example.com")
        try insecure.send("GET /x HTTP/1.1\r\nHost: example.com\r\n\r\n")
        XCTAssertEqual(insecure.readResponse()?.status, 200)
    }

    func testPlainBytesOnTheTLSPortAreDropped() throws {
        let server = try startTLSServer()
        let client = try RawHTTPConnection(port: try XCTUnwrap(server.tlsPort))
        try client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertTrue(client.readsEndOfStreamIgnoringData())
    }

    func testServerContextRefusesAMismatchedKey() throws {
        let other = try DevelopmentCertificates.write(to: directory + "/other")
        XCTAssertThrowsError(try TLSContext.server(certificateFile: files.certificateFile, keyFile: other.keyFile)) {
            XCTAssertTrue("\($0)".contains(other.keyFile), "\($0)")
        }
        XCTAssertThrowsError(try TLSContext.server(certificateFile: directory + "/missing.pem", keyFile: files.keyFile))
    }

    func testSessionsTalkThroughMemoryBuffersAlone() throws {
        let server = try TLSSession(context: try TLSContext.server(certificateFile: files.certificateFile, keyFile: files.keyFile))
        let client = try TLSSession(context: try TLSContext.client(verification: .caFile(files.caCertificateFile)),
                                    serverName: "localhost")
        try client.writePlaintext(Array("held until the handshake".utf8))
        try client.advanceHandshake()
        var received: [UInt8] = []
        var echoed: [UInt8] = []
        var replied = false
        var rounds = 0
        while (received.isEmpty || echoed.isEmpty) && rounds < 10 {
            rounds += 1
            let toServer = client.takeCiphertext()
            toServer.withUnsafeBytes { server.receiveCiphertext($0) }
            _ = try server.readPlaintext(into: &received)
            if !received.isEmpty && !replied {
                try server.writePlaintext(Array("ok".utf8))
                replied = true
            }
            let toClient = server.takeCiphertext()
            toClient.withUnsafeBytes { client.receiveCiphertext($0) }
            _ = try client.readPlaintext(into: &echoed)
        }
        XCTAssertEqual(String(decoding: received, as: UTF8.self), "held until the handshake")
        XCTAssertEqual(String(decoding: echoed, as: UTF8.self), "ok")
        XCTAssertNotNil(client.protocolVersion)
        client.close()
        client.takeCiphertext().withUnsafeBytes { server.receiveCiphertext($0) }
        var none: [UInt8] = []
        XCTAssertEqual(try server.readPlaintext(into: &none), .closedByPeer)
    }
}

extension RawHTTPConnection {
    /// Whether the server ends the connection (a TLS alert may come first).
    func readsEndOfStreamIgnoringData() -> Bool {
        var scratch = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = scratch.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { return true }
            if count < 0 { return errno == ECONNRESET }
        }
    }
}
