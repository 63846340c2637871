import C8Core
@testable import C8Query
import XCTest

/// The result size estimate that `maxResultBytes` counts: roughly the
/// value's JSON text, nested containers included.
final class ResultSizeEstimateTests: XCTestCase {
    func testEstimateCountsNestedMembersAndElements() {
        XCTAssertEqual(JSON.null.estimatedResultBytes, 5)
        XCTAssertEqual(JSON.string("xy").estimatedResultBytes, 4)
        // [1, "xy", null]: 2 + (12 + 1) + (4 + 1) + (5 + 1)
        let array: JSON = [1, "xy", .null]
        XCTAssertEqual(array.estimatedResultBytes, 26)
        // {"a": [1, "xy", null], "bc": {}}: 2 + (1 + 4 + 26) + (2 + 4 + 2)
        let object: JSON = ["a": array, "bc": .object(JSONObject())]
        XCTAssertEqual(object.estimatedResultBytes, 41)
    }
}
