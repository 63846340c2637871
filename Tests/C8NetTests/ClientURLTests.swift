@testable import C8Net
import XCTest

final class ClientURLTests: XCTestCase {
    func testSchemesHostsPortsAndTargets() throws {
        let plain = try ClientURL("http://api-eu.Example.com")
        XCTAssertEqual(plain.scheme, .http)
        XCTAssertEqual(plain.host, "api-eu.example.com")
        XCTAssertEqual(plain.port, 80)
        XCTAssertEqual(plain.target, "/")

        let secure = try ClientURL("HTTPS://h:8443/db/_api?x=1")
        XCTAssertEqual(secure.scheme, .https)
        XCTAssertEqual(secure.port, 8443)
        XCTAssertEqual(secure.target, "/db/_api?x=1")
        XCTAssertTrue(secure.origin.isSecure)

        let socket = try ClientURL("wss://api-x.localhost/_ws/ws/v2/consumer/a?subscriptionType=Shared")
        XCTAssertEqual(socket.port, 443)
        XCTAssertEqual(socket.target, "/_ws/ws/v2/consumer/a?subscriptionType=Shared")

        XCTAssertEqual(try ClientURL("http://h?q=1").target, "/?q=1")
    }

    func testIPv6Literals() throws {
        let url = try ClientURL("http://[::1]:8529/x")
        XCTAssertEqual(url.host, "::1")
        XCTAssertEqual(url.port, 8529)
        XCTAssertEqual(url.origin.hostHeader, "[::1]:8529")
        XCTAssertEqual(try ClientURL("http://[::1]").port, 80)
    }

    func testHostHeaderOmitsTheDefaultPort() throws {
        XCTAssertEqual(try ClientURL("https://a.b:443/").origin.hostHeader, "a.b")
        XCTAssertEqual(try ClientURL("http://a.b:443/").origin.hostHeader, "a.b:443")
        XCTAssertEqual(try ClientURL("ws://a.b:80").origin.hostHeader, "a.b")
        XCTAssertEqual(try ClientURL("http://a.b:8080/p").description, "http://a.b:8080/p")
    }

    func testInvalidURLsSayWhy() {
        for (text, why) in [
            ("localhost:8529", "no scheme"), ("ftp://h/", "scheme"), ("http://", "no host"),
            ("http://h:0/", "port"), ("http://h:65536/", "port"), ("http://h:x/", "port"), ("http://h:/", "port"),
            ("http://u:p@h/", "user"), ("http://h/#frag", "fragment"), ("http://[::1/", "IPv6"),
        ] {
            XCTAssertThrowsError(try ClientURL(text), text) { error in
                let error = error as? NetworkClientError
                XCTAssertEqual(error?.kind, .invalidURL, text)
                XCTAssertTrue(error?.message.contains(why) == true, "\(text): \(String(describing: error))")
            }
        }
    }

    func testBasePathJoining() {
        XCTAssertEqual(HTTPClient.join("/", "/_api/version"), "/_api/version")
        XCTAssertEqual(HTTPClient.join("/db", "/_api/version"), "/db/_api/version")
        XCTAssertEqual(HTTPClient.join("/db/", "_api"), "/db/_api")
        XCTAssertEqual(HTTPClient.join("/", "x"), "/x")
    }
}
