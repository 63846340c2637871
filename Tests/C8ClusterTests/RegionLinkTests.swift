@testable import C8Cluster
import XCTest

/// A link hands out what is due in slices, so a backlog is applied (and
/// its progress stored) a slice at a time.
final class RegionLinkTests: XCTestCase {
    func testDeliverableChangesComeInSlicesOfTheLimitInOrder() {
        var link = RegionLink(from: 0, to: 1, profile: LinkProfile(latencyMs: 0))
        for sequence in 1...10 { link.send(UInt64(sequence), at: 0, jitterMicros: 0) }
        XCTAssertEqual(link.takeDeliverable(at: 0, limit: 4), 1...4)
        XCTAssertEqual(link.takeDeliverable(at: 0, limit: 4), 5...8)
        XCTAssertEqual(link.nextDeliverableMicros, 0, "the rest is due at once")
        XCTAssertEqual(link.takeDeliverable(at: 0, limit: 4), 9...10)
        XCTAssertNil(link.takeDeliverable(at: 0, limit: 4))
        XCTAssertEqual(link.pendingCount, 0)
    }
}
