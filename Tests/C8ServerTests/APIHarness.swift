import C8Core
import C8Engine
import C8Net
@testable import C8Server
import XCTest

/// A C8 API handler over an in-memory engine, driven with requests built in
/// memory — no sockets. Regions `us-east` (local) and `eu-west` under the
/// domain `c8.test`; tenant `c8`.
final class APIHarness {
    static let domain = "c8.test"
    static let regions = ["us-east", "eu-west"]

    let engine: Engine
    let handler: C8APIHandler

    init(gate: (any AccessGate)? = nil, extraGroups: [any RouteGroup] = [], slowQueryThreshold: Double = 10) throws {
        engine = try Engine.inMemory(defaultTenant: "c8")
        handler = try C8APIHandler(
            engine: engine,
            configuration: C8APIConfiguration(domain: Self.domain, regions: Self.regions, tenant: "c8", slowQueryThreshold: slowQueryThreshold),
            gate: gate, extraGroups: extraGroups)
    }

    /// Sends a request with a raw body text (so tests can send what pyC8
    /// sends, or broken JSON).
    @discardableResult
    func send(
        _ method: HTTPMethod, _ target: String, body: String? = nil, headers: [(String, String)] = [],
        host: String = "api-c8.test", localPort: Int = 443
    ) -> APIReply {
        var fields = HTTPHeaders([("Host", host), ("content-type", "application/json")])
        for (name, value) in headers { fields.add(name, value) }
        let bytes = Array((body ?? "").utf8)
        fields.set("Content-Length", String(bytes.count))
        let request = HTTPRequest(method: method, target: target, headers: fields, body: bytes)
        let peer = PeerInfo(address: "127.0.0.1", port: 50000, isTLS: localPort == 443, localPort: localPort)
        return APIReply(handler.handle(request, peer: peer))
    }

    /// Sends a request whose body is `json` serialized.
    @discardableResult
    func send(_ method: HTTPMethod, _ target: String, json: JSON, headers: [(String, String)] = [], host: String = "api-c8.test") -> APIReply {
        send(method, target, body: json.jsonString(), headers: headers, host: host)
    }

    var fabric: Fabric { get throws { try engine.fabric() } }
}

/// A response with its body parsed.
struct APIReply {
    let response: HTTPResponse
    var status: Int { response.status }

    init(_ response: HTTPResponse) {
        self.response = response
    }

    /// The body as JSON; `.null` for an empty body, a test failure for text
    /// that is not JSON.
    var json: JSON {
        guard !response.body.isEmpty else { return .null }
        do {
            return try JSON.parse(response.body)
        } catch {
            XCTFail("response body is not JSON: \(String(decoding: response.body, as: UTF8.self))")
            return .null
        }
    }

    func header(_ name: String) -> String? { response.headers[name] }
}

/// Assertions on the C8 error envelope.
func assertError(
    _ reply: APIReply, status: Int, errorNum: Int, file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(reply.status, status, "status; body: \(reply.json.jsonString())", file: file, line: line)
    let body = reply.json
    XCTAssertEqual(body["error"], true, "error flag", file: file, line: line)
    XCTAssertEqual(body["code"], .int(Int64(status)), "code", file: file, line: line)
    XCTAssertEqual(body["errorNum"], .int(Int64(errorNum)), "errorNum; message: \(body["errorMessage"])", file: file, line: line)
    XCTAssertNotNil(body["errorMessage"].stringValue, "errorMessage", file: file, line: line)
}

/// Asserts the success envelope `{"error":false,"code":status,…}` and no errorNum.
func assertSuccess(_ reply: APIReply, status: Int, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(reply.status, status, "status; body: \(reply.json.jsonString())", file: file, line: line)
    XCTAssertEqual(reply.json["error"], false, "error flag", file: file, line: line)
    XCTAssertEqual(reply.json["code"], .int(Int64(status)), "code", file: file, line: line)
    XCTAssertTrue(reply.json["errorNum"].isNull, "no errorNum on success", file: file, line: line)
}
