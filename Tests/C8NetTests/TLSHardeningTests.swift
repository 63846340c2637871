@testable import C8Net
import Foundation
import Glibc
import XCTest

/// What the TLS listener offers (issue 10): TLS 1.2 at least, and on 1.2
/// only ECDHE key exchange with AEAD ciphers; private keys that group or
/// others may read are refused. OpenSSL's own `s_client` is the client, as
/// it can ask for exactly the old versions and suites a server must refuse.
final class TLSHardeningTests: XCTestCase {
    private var directory: String!
    private var files: DevelopmentCertificateFiles!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "c8-tls-hardening-\(UUID().uuidString)"
        files = try DevelopmentCertificates.write(to: directory, dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"])
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Whether `openssl s_client` with `options` completes a handshake.
    private func handshakes(port: Int, _ options: [String]) throws -> Bool {
        let openssl = "/usr/bin/openssl"
        guard FileManager.default.isExecutableFile(atPath: openssl) else { throw XCTSkip("no openssl command") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = ["s_client", "-connect", "127.0.0.1:\(port)", "-servername", "localhost"] + options
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    func testOnlyTLS12WithECDHEAndAEADOrTLS13IsSpoken() throws {
        let server = try startServer(tls: try TLSContext.server(certificateFile: files.certificateFile, keyFile: files.keyFile))
        let port = try XCTUnwrap(server.tlsPort)
        // The controls: what must work does.
        XCTAssertTrue(try handshakes(port: port, ["-tls1_3"]))
        XCTAssertTrue(try handshakes(port: port, ["-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256"]))
        XCTAssertTrue(try handshakes(port: port, ["-tls1_2", "-cipher", "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"]))
        // Old protocol versions, even with the client's floor lowered.
        XCTAssertFalse(try handshakes(port: port, ["-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0"]))
        XCTAssertFalse(try handshakes(port: port, ["-tls1", "-cipher", "DEFAULT:@SECLEVEL=0"]))
        // TLS 1.2 with CBC, static RSA key exchange, or no encryption.
        for cipher in ["ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA384:ECDHE-RSA-AES256-SHA384",
                       "AES128-GCM-SHA256:AES256-GCM-SHA384", "AES128-SHA", "NULL:eNULL:@SECLEVEL=0"] {
            XCTAssertFalse(try handshakes(port: port, ["-tls1_2", "-cipher", cipher]), cipher)
        }
    }

    func testAPrivateKeyOthersMayReadIsRefused() throws {
        for mode: mode_t in [0o644, 0o640, 0o604] {
            XCTAssertEqual(chmod(files.keyFile, mode), 0)
            XCTAssertThrowsError(try TLSContext.server(certificateFile: files.certificateFile, keyFile: files.keyFile)) { error in
                let text = "\(error)"
                XCTAssertTrue(text.contains("chmod 600 \(files.keyFile)"), text)
                XCTAssertTrue(text.contains(String(mode, radix: 8)), text)
            }
        }
        XCTAssertEqual(chmod(files.keyFile, 0o400), 0)
        XCTAssertNoThrow(try TLSContext.server(certificateFile: files.certificateFile, keyFile: files.keyFile))
    }

    func testTheClientVerifiesCertificatesUnlessToldNotTo() throws {
        XCTAssertEqual(try TLSContext.client().verification, .systemTrustStore, "verification is the default")
        let server = try startServer(tls: try TLSContext.server(certificateFile: files.certificateFile, keyFile: files.keyFile))
        let port = try XCTUnwrap(server.tlsPort)
        // A self-made CA is no one the system trusts.
        let untrusted = try RawHTTPConnection(port: port)
        XCTAssertThrowsError(try untrusted.startTLS(context: try TLSContext.client(), serverName: "localhost"))
        // The right CA but the wrong name.
        let misnamed = try RawHTTPConnection(port: port)
        XCTAssertThrowsError(try misnamed.startTLS(context: try TLSContext.client(verification: .caFile(files.caCertificateFile)),
                                                   serverName: "elsewhere.example"))
        let trusted = try RawHTTPConnection(port: port)
        XCTAssertNoThrow(try trusted.startTLS(context: try TLSContext.client(verification: .caFile(files.caCertificateFile)),
                                              serverName: "localhost"))
        let insecure = try RawHTTPConnection(port: port)
        XCTAssertNoThrow(try insecure.startTLS(context: try TLSContext.client(verification: .none), serverName: "localhost"))
    }
}
