import C8Net
import XCTest

/// `c8 serve --trusted-origin` (repeated, or comma lists) reaches the CORS
/// policy: each listed origin (blanks around the commas dropped) may send credentials, others —
/// however alike — not.
final class ServeTrustedOriginTests: XCTestCase {
    func testListedOriginsAndOnlyThoseMaySendCredentials() throws {
        let session = try ServeSession(["--trusted-origin", "https://a.example, https://b.example",
                                        "--trusted-origin=https://d.example"])
        for (origin, allowed) in [("https://a.example", "true"), ("https://b.example", "true"),
                                  ("https://d.example", "true"),
                                  ("https://c.example", "false"), ("http://a.example", "false")] {
            let response = try session.send(.get, "/_api/version", headers: [("Origin", origin)])
            XCTAssertEqual(response.status, 200)
            XCTAssertEqual(response.headers["access-control-allow-credentials"], allowed, origin)
        }
    }
}
