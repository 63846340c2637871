import XCTest
import C8Core
@testable import C8Query

/// Geo functions on the sphere (radius 6371000 m), GeoJSON constructors,
/// and NEAR/WITHIN through the environment.
final class FunctionGeoTests: XCTestCase {
    static let square = #"{"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]}"#
    static let squareWithHole = #"{"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]]}"#
    static let octant = #"{"type": "Polygon", "coordinates": [[[0, 0], [90, 0], [0, 90], [0, 0]]]}"#
    static let oneDegree = "111194.92664455873"

    static let measures: [FunctionCase] = [
        FunctionCase("DISTANCE", "52.5163, 13.3777, 50.9322, 6.94", "476918.89688380965"),
        FunctionCase("DISTANCE", "0, 0, 0, 1", oneDegree),
        FunctionCase("DISTANCE", "10, 10, 10, 10", "0"),
        FunctionCase("DISTANCE", #""a", 1, 2, 3"#, warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("GEO_DISTANCE", "[0, 0], [1, 0]", oneDegree),
        FunctionCase("GEO_DISTANCE", #"{"type": "Point", "coordinates": [0, 0]}, [0, 1]"#, oneDegree),
        // Polygon to point: measured from the polygon's centroid.
        FunctionCase("GEO_DISTANCE", #"{"type": "Polygon", "coordinates": [[[-1, -1], [1, -1], [1, 1], [-1, 1], [-1, -1]]]}, [1, 0]"#,
                     oneDegree),
        FunctionCase("GEO_DISTANCE", #"{"type": "LineString", "coordinates": [[-1, 0], [1, 0]]}, [0, 1]"#, oneDegree),
        FunctionCase("GEO_DISTANCE", #"[0, 0], [1, 0], "wgs84""#, "111319.49079327357"),
        FunctionCase("GEO_DISTANCE", #""x", [1, 0]"#, warns: .badParameter),
        FunctionCase("GEO_DISTANCE", #"[0, 100], [1, 0]"#, warns: .badParameter),
        FunctionCase("GEO_AREA", octant, "63758058988723.53"),
        // The octant's edges are a parallel and two meridians, which the
        // authalic mapping preserves: exactly an eighth of WGS 84's area.
        FunctionCase("GEO_AREA", octant + #", "wgs84""#, "63758202715511.06"),
        FunctionCase("GEO_AREA", #"{"type": "Point", "coordinates": [0, 0]}"#, "0"),
        FunctionCase("GEO_AREA", #"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}"#,
                     "6182469722.727364"),  // L'Huilier's theorem
        FunctionCase("GEO_AREA", #"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1]]]}"#, warns: .badParameter),
        FunctionCase("GEO_IN_RANGE", "[0, 0], [1, 0], 100000, 120000", "true"),
        FunctionCase("GEO_IN_RANGE", "[0, 0], [1, 0], 0, 100000", "false"),
        FunctionCase("GEO_IN_RANGE", "[0, 0], [0, 0], 0, 10, false", "false"),
        FunctionCase("IS_IN_POLYGON", "[[0, 0], [0, 10], [10, 10], [10, 0]], 4, 7", "true"),
        FunctionCase("IS_IN_POLYGON", "[[0, 0], [0, 10], [10, 10], [10, 0]], [4, 7]", "true"),
        FunctionCase("IS_IN_POLYGON", "[[0, 0], [0, 10], [10, 10], [10, 0]], 40, 7", "false"),
        // Without geoJson the pairs are [latitude, longitude].
        FunctionCase("IS_IN_POLYGON", "[[0, 0], [20, 0], [20, 10], [0, 10]], 15, 5", "true"),
        FunctionCase("IS_IN_POLYGON", "[[0, 0], [20, 0], [20, 10], [0, 10]], 5, 15", "false"),
        FunctionCase("IS_IN_POLYGON", "[[0, 0], [10, 0], [10, 20], [0, 20]], [15, 5], true", "false"),
        FunctionCase("IS_IN_POLYGON", "[[0, 0], [10, 0], [10, 20], [0, 20]], [5, 15], true", "true"),
    ]

    static let predicates: [FunctionCase] = [
        FunctionCase("GEO_CONTAINS", square + ", [5, 5]", "true"),
        FunctionCase("GEO_CONTAINS", square + ", [15, 5]", "false"),
        FunctionCase("GEO_CONTAINS", square + #", {"type": "Point", "coordinates": [1, 9]}"#, "true"),
        FunctionCase("GEO_CONTAINS", square + #", {"type": "LineString", "coordinates": [[1, 1], [9, 9]]}"#, "true"),
        FunctionCase("GEO_CONTAINS", square + #", {"type": "LineString", "coordinates": [[5, 5], [15, 5]]}"#, "false"),
        FunctionCase("GEO_CONTAINS", square + #", {"type": "Polygon", "coordinates": [[[1, 1], [2, 1], [2, 2], [1, 1]]]}"#,
                     "true"),
        FunctionCase("GEO_CONTAINS", square + #", {"type": "Polygon", "coordinates": [[[5, 5], [12, 5], [12, 12], [5, 5]]]}"#,
                     "false"),
        FunctionCase("GEO_CONTAINS", squareWithHole + ", [5, 5]", "false"),
        FunctionCase("GEO_CONTAINS", squareWithHole + ", [2, 2]", "true"),
        FunctionCase("GEO_CONTAINS", squareWithHole + #", {"type": "LineString", "coordinates": [[1, 5], [9, 5]]}"#, "false"),
        FunctionCase("GEO_CONTAINS",
                     #"{"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[10, 10], [12, 10], [12, 12], [10, 10]]]]}, [11.5, 10.5]"#,
                     "true"),
        // Across the antimeridian and around a pole: the sphere, not a plane.
        FunctionCase("GEO_CONTAINS",
                     #"{"type": "Polygon", "coordinates": [[[170, -10], [-170, -10], [-170, 10], [170, 10], [170, -10]]]}, [180, 0]"#,
                     "true"),
        FunctionCase("GEO_CONTAINS",
                     #"{"type": "Polygon", "coordinates": [[[0, 80], [90, 80], [180, 80], [-90, 80], [0, 80]]]}, [45, 89]"#,
                     "true"),
        FunctionCase("GEO_CONTAINS", #"{"type": "Point", "coordinates": [1, 1]}, [1, 1]"#,
                     warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("GEO_CONTAINS", #""x", [1, 1]"#, warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("GEO_CONTAINS", square + ", 5", warns: .badParameter),
        FunctionCase("GEO_INTERSECTS", square + #", {"type": "LineString", "coordinates": [[5, 5], [15, 5]]}"#, "true"),
        FunctionCase("GEO_INTERSECTS", square + #", {"type": "LineString", "coordinates": [[-5, 5], [15, 5]]}"#, "true"),
        FunctionCase("GEO_INTERSECTS", square + #", {"type": "LineString", "coordinates": [[15, 5], [20, 5]]}"#, "false"),
        FunctionCase("GEO_INTERSECTS", square + #", {"type": "Polygon", "coordinates": [[[5, 5], [12, 5], [12, 12], [5, 5]]]}"#,
                     "true"),
        FunctionCase("GEO_INTERSECTS", square + #", {"type": "Polygon", "coordinates": [[[-5, -5], [15, -5], [15, 15], [-5, 15], [-5, -5]]]}"#,
                     "true"),
        FunctionCase("GEO_INTERSECTS", square + ", [20, 20]", "false"),
        FunctionCase("GEO_INTERSECTS",
                     #"{"type": "LineString", "coordinates": [[0, 0], [2, 2]]}, {"type": "LineString", "coordinates": [[0, 2], [2, 0]]}"#,
                     "true"),
        FunctionCase("GEO_INTERSECTS",
                     #"{"type": "LineString", "coordinates": [[0, 0], [1, 0]]}, {"type": "LineString", "coordinates": [[0, 1], [1, 1]]}"#,
                     "false"),
        FunctionCase("GEO_EQUALS", #"{"type": "Point", "coordinates": [1, 2]}, {"type": "Point", "coordinates": [1, 2]}"#, "true"),
        FunctionCase("GEO_EQUALS", #"{"type": "Point", "coordinates": [1, 2]}, {"type": "Point", "coordinates": [2, 1]}"#, "false"),
        FunctionCase("GEO_EQUALS", square + #", {"type": "Polygon", "coordinates": [[[10, 10], [0, 10], [0, 0], [10, 0], [10, 10]]]}"#,
                     "true"),
        FunctionCase("GEO_EQUALS", square + ", " + squareWithHole, "false"),
        FunctionCase("GEO_EQUALS", #"{"type": "Point", "coordinates": [1, 2]}, {"type": "MultiPoint", "coordinates": [[1, 2]]}"#,
                     "false"),
        FunctionCase("GEO_EQUALS", #"1, {"type": "Point", "coordinates": [1, 2]}"#, warns: .queryFunctionArgumentTypeMismatch),
    ]

    static let constructors: [FunctionCase] = [
        FunctionCase("GEO_POINT", "1.0, 2.0", #"{"type": "Point", "coordinates": [1, 2]}"#),
        FunctionCase("GEO_POINT", #""a", 1"#, warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("GEO_MULTIPOINT", "[[35, 10], [45, 45]]", #"{"type": "MultiPoint", "coordinates": [[35, 10], [45, 45]]}"#),
        FunctionCase("GEO_MULTIPOINT", "[[1, 2]]", warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("GEO_MULTIPOINT", #"[[1, 2], ["a", 3]]"#, warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("GEO_MULTIPOINT", "1", warns: .queryArrayExpected),
        FunctionCase("GEO_LINESTRING", "[[35, 10], [45, 45]]", #"{"type": "LineString", "coordinates": [[35, 10], [45, 45]]}"#),
        FunctionCase("GEO_LINESTRING", "[[35, 10]]", warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("GEO_MULTILINESTRING", "[[[100.0, 0.0], [101.0, 1.0]], [[102.0, 2.0], [101.0, 2.3]]]",
                     #"{"type": "MultiLineString", "coordinates": [[[100, 0], [101, 1]], [[102, 2], [101, 2.3]]]}"#),
        FunctionCase("GEO_MULTILINESTRING", "[[[100.0, 0.0]]]", warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("GEO_POLYGON", "[[0.0, 0.0], [7.5, 2.5], [0.0, 5.0]]",
                     #"{"type": "Polygon", "coordinates": [[[0, 0], [7.5, 2.5], [0, 5]]]}"#),
        FunctionCase("GEO_POLYGON", "[[[35, 10], [45, 45], [15, 40], [10, 20], [35, 10]], [[20, 30], [35, 35], [30, 20], [20, 30]]]",
                     #"{"type": "Polygon", "coordinates": [[[35, 10], [45, 45], [15, 40], [10, 20], [35, 10]], [[20, 30], [35, 35], [30, 20], [20, 30]]]}"#),
        FunctionCase("GEO_POLYGON", "[[1, 2], [3, 4]]", warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("GEO_MULTIPOLYGON",
                     "[[[[40, 40], [20, 45], [45, 30], [40, 40]]], [[[20, 35], [10, 30], [10, 10], [30, 5], [45, 20], [20, 35]], [[30, 20], [20, 15], [20, 25], [30, 20]]]]",
                     #"{"type": "MultiPolygon", "coordinates": [[[[40, 40], [20, 45], [45, 30], [40, 40]]], [[[20, 35], [10, 30], [10, 10], [30, 5], [45, 20], [20, 35]], [[30, 20], [20, 15], [20, 25], [30, 20]]]]}"#),
        FunctionCase("GEO_MULTIPOLYGON", "[[[[1, 1], [2, 2], [3, 1], [1, 1]]]]", warns: .queryFunctionArgumentTypeMismatch),
    ]

    func testMeasures() { XCTAssertEqual(checkCases(Self.measures), 26) }

    func testPredicates() { XCTAssertEqual(checkCases(Self.predicates), 30) }

    func testConstructors() { XCTAssertEqual(checkCases(Self.constructors), 15) }

    func testConstructedShapesAreAcceptedByThePredicates() throws {
        let polygon = try callFunction("GEO_POLYGON", [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]])
        let point = try callFunction("GEO_POINT", [5, 5])
        XCTAssertEqual(try callFunction("GEO_CONTAINS", [polygon, point]), true)
    }

    func testNearAndWithinAskTheGeoIndex() throws {
        let environment = FakeFunctionEnvironment()
        environment.geoResults["places"] = [["_key": "a"], ["_key": "b"], ["_key": "c"]]
        XCTAssertEqual(try callFunction("NEAR", ["places", 52.5, 13.4, 2, "distance"], environment),
                       [["_key": "a"], ["_key": "b"]])
        XCTAssertEqual(environment.nearRequests.first?.latitude, 52.5)
        XCTAssertEqual(environment.nearRequests.first?.longitude, 13.4)
        XCTAssertEqual(environment.nearRequests.first?.distance, "distance")
        // ArangoDB's default limit is 100.
        _ = try callFunction("NEAR", ["places", 1, 2], environment)
        XCTAssertEqual(environment.nearRequests.last?.limit, 100)
        XCTAssertEqual(try callFunction("WITHIN", ["places", 1, 2, 500], environment).arrayValue?.count, 3)
        XCTAssertEqual(environment.withinRequests.first?.radius, 500)
        XCTAssertNil(environment.withinRequests.first?.distance)
    }

    func testNearErrors() {
        let environment = FakeFunctionEnvironment()
        XCTAssertThrowsError(try callFunction("NEAR", ["nowhere", 1, 2], environment)) { error in
            XCTAssertEqual((error as? C8Error)?.errorNum, ErrorCode.queryGeoIndexMissing.errorNum)
        }
        XCTAssertThrowsError(try callFunction("WITHIN", [1, 1, 2, 3], environment)) { error in
            XCTAssertEqual((error as? C8Error)?.errorNum, ErrorCode.queryFunctionArgumentTypeMismatch.errorNum)
        }
    }
}
