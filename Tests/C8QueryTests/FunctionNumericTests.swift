import XCTest
import C8Core
@testable import C8Query

/// Numeric functions and aggregates: ArangoDB's documented examples, with
/// the engine's null-for-non-finite rule.
final class FunctionNumericTests: XCTestCase {
    static let math: [FunctionCase] = [
        FunctionCase("ABS", "-5", "5"),
        FunctionCase("ABS", "5.0", "5"),
        FunctionCase("ABS", "3.5", "3.5"),
        FunctionCase("ABS", #""-3""#, "3"),
        FunctionCase("ACOS", "-1", "3.141592653589793"),
        FunctionCase("ACOS", "0", "1.5707963267948966"),
        FunctionCase("ACOS", "1", "0"),
        FunctionCase("ACOS", "2", "null"),
        FunctionCase("ASIN", "1", "1.5707963267948966"),
        FunctionCase("ASIN", "0", "0"),
        FunctionCase("ASIN", "-1", "-1.5707963267948966"),
        FunctionCase("ASIN", "2", "null"),
        FunctionCase("ATAN", "-1", "-0.7853981633974483"),
        FunctionCase("ATAN", "0", "0"),
        FunctionCase("ATAN", "10", "1.4711276743037347"),
        FunctionCase("ATAN2", "0, 0", "0"),
        FunctionCase("ATAN2", "1, 0", "1.5707963267948966"),
        FunctionCase("ATAN2", "1, 1", "0.7853981633974483"),
        FunctionCase("ATAN2", "-10, 20", "-0.4636476090008061"),
        FunctionCase("CEIL", "2.49", "3"),
        FunctionCase("CEIL", "2.50", "3"),
        FunctionCase("CEIL", "-2.50", "-2"),
        FunctionCase("CEIL", "-2.51", "-2"),
        FunctionCase("COS", "1", "0.5403023058681398"),
        FunctionCase("COS", "0", "1"),
        FunctionCase("COS", "-3.141592653589783", "-1"),
        FunctionCase("DEGREES", "0.7853981633974483", "45"),
        FunctionCase("DEGREES", "0", "0"),
        FunctionCase("DEGREES", "3.141592653589793", "180"),
        FunctionCase("EXP", "1", "2.718281828459045"),
        FunctionCase("EXP", "10", "22026.465794806718"),
        FunctionCase("EXP", "0", "1"),
        FunctionCase("EXP", "1000", "null"),
        FunctionCase("EXP2", "16", "65536"),
        FunctionCase("EXP2", "1", "2"),
        FunctionCase("EXP2", "0", "1"),
        FunctionCase("FLOOR", "2.49", "2"),
        FunctionCase("FLOOR", "2.50", "2"),
        FunctionCase("FLOOR", "-2.50", "-3"),
        FunctionCase("FLOOR", "-2.51", "-3"),
        FunctionCase("LOG", "2.718281828459045", "1"),
        FunctionCase("LOG", "10", "2.302585092994046"),
        FunctionCase("LOG", "0", "null"),
        FunctionCase("LOG2", "1024", "10"),
        FunctionCase("LOG2", "8", "3"),
        FunctionCase("LOG2", "0", "null"),
        FunctionCase("LOG10", "10000", "4"),
        FunctionCase("LOG10", "10", "1"),
        FunctionCase("LOG10", "0", "null"),
        FunctionCase("PI", "", "3.141592653589793"),
        FunctionCase("POW", "2, 4", "16"),
        FunctionCase("POW", "5, -1", "0.2"),
        FunctionCase("POW", "5, 0", "1"),
        FunctionCase("POW", "0, -1", "null"),
        FunctionCase("POW", "-1, 0.5", "null"),
        FunctionCase("RADIANS", "180", "3.141592653589793"),
        FunctionCase("RADIANS", "90", "1.5707963267948966"),
        FunctionCase("RADIANS", "0", "0"),
        FunctionCase("ROUND", "2.49", "2"),
        FunctionCase("ROUND", "2.50", "3"),
        FunctionCase("ROUND", "-2.50", "-2"),
        FunctionCase("ROUND", "-2.51", "-3"),
        FunctionCase("SIN", "1.5707963267948966", "1"),
        FunctionCase("SIN", "0", "0"),
        FunctionCase("SIN", "-1.5707963267948966", "-1"),
        FunctionCase("SQRT", "9", "3"),
        FunctionCase("SQRT", "2", "1.4142135623730951"),
        FunctionCase("SQRT", "-1", "null"),
        FunctionCase("SQRT", #""16""#, "4"),
        FunctionCase("TAN", "10", "0.6483608274590866"),
        FunctionCase("TAN", "5", "-3.380515006246586"),
        FunctionCase("TAN", "0", "0"),
    ]

    static let ranges: [FunctionCase] = [
        FunctionCase("RANGE", "1, 4", "[1, 2, 3, 4]"),
        FunctionCase("RANGE", "1, 4, 2", "[1, 3]"),
        FunctionCase("RANGE", "1, 4, 3", "[1, 4]"),
        FunctionCase("RANGE", "1.5, 2.5", "[1, 2]"),
        FunctionCase("RANGE", "1.5, 2.5, 1", "[1.5, 2.5]"),
        FunctionCase("RANGE", "1.5, 2.5, 0.5", "[1.5, 2, 2.5]"),
        FunctionCase("RANGE", "-0.75, 1.1, 0.5", "[-0.75, -0.25, 0.25, 0.75]"),
        FunctionCase("RANGE", "4, 1", "[4, 3, 2, 1]"),
        FunctionCase("RANGE", "4, 1, -1", "[4, 3, 2, 1]"),
        FunctionCase("RANGE", "1, 4, null", "[1, 2, 3, 4]"),
        FunctionCase("RANGE", #""1", "3""#, "[1, 2, 3]"),
        FunctionCase("RANGE", "0, 0", "[0]"),
        FunctionCase("RANGE", "1, 4, 0", warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("RANGE", "1, 4, -1", warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("RANGE", "0, 100000000", throws: .resourceLimit),
    ]

    static let aggregates: [FunctionCase] = [
        FunctionCase("AVERAGE", "[5, 2, 9, 2]", "4.5"),
        FunctionCase("AVERAGE", "[-3, -5, 2]", "-2"),
        FunctionCase("AVERAGE", "[999, 80, 4, 4, 4, 3, 3, 3]", "137.5"),
        FunctionCase("AVERAGE", "[]", "null"),
        FunctionCase("AVERAGE", "[null, 1]", "1"),
        FunctionCase("AVG", "[1, 2]", "1.5"),
        FunctionCase("AVERAGE", #"[1, "a"]"#, warns: .queryArrayExpected),
        FunctionCase("AVERAGE", "5", warns: .queryArrayExpected),
        FunctionCase("MAX", "[5, 9, -2, null, 1]", "9"),
        FunctionCase("MAX", "[null, null]", "null"),
        FunctionCase("MAX", "[]", "null"),
        FunctionCase("MAX", #"[1, "a", [1]]"#, "[1]"),
        FunctionCase("MAX", #""a""#, warns: .queryArrayExpected),
        FunctionCase("MIN", "[5, 9, -2, null, 1]", "-2"),
        FunctionCase("MIN", "[null, null]", "null"),
        FunctionCase("MIN", #"["a", 1, false]"#, "false"),
        FunctionCase("MEDIAN", "[1, 2, 3]", "2"),
        FunctionCase("MEDIAN", "[1, 2, 3, 4]", "2.5"),
        FunctionCase("MEDIAN", "[4, 2, 3, 1]", "2.5"),
        FunctionCase("MEDIAN", "[999, 80, 4, 4, 4, 3, 3, 3]", "4"),
        FunctionCase("MEDIAN", "[null]", "null"),
        FunctionCase("MEDIAN", #"[1, "a"]"#, warns: .queryInvalidArithmeticValue),
        FunctionCase("PERCENTILE", "[1, 2, 3, 4], 50", "2"),
        FunctionCase("PERCENTILE", #"[1, 2, 3, 4], 50, "rank""#, "2"),
        FunctionCase("PERCENTILE", #"[1, 2, 3, 4], 50, "interpolation""#, "2.5"),
        FunctionCase("PERCENTILE", #"[1, 2, 3, 4], 10, "interpolation""#, "null"),
        FunctionCase("PERCENTILE", "[1, 2, 3, 4], 100", "4"),
        FunctionCase("PERCENTILE", "[5], 50", "5"),
        FunctionCase("PERCENTILE", "[], 50", "null"),
        FunctionCase("PERCENTILE", "[1, 2, 3, 4], 0", warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("PERCENTILE", "[1, 2, 3, 4], 101", warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("PERCENTILE", #"[1, 2, 3, 4], 50, "x""#, warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("PERCENTILE", #"[1, 2], "50""#, warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("STDDEV_POPULATION", "[1, 3, 6, 5, 2]", "1.854723699099141"),
        FunctionCase("STDDEV", "[1, 3, 6, 5, 2]", "1.854723699099141"),
        FunctionCase("STDDEV_SAMPLE", "[1, 3, 6, 5, 2]", "2.0736441353327724"),
        FunctionCase("STDDEV_SAMPLE", "[1]", "null"),
        FunctionCase("STDDEV_POPULATION", "[]", "null"),
        FunctionCase("STDDEV_POPULATION", "[1]", "0"),
        FunctionCase("VARIANCE_POPULATION", "[1, 3, 6, 5, 2]", "3.4400000000000004"),
        FunctionCase("VARIANCE", "[1, 3, 6, 5, 2]", "3.4400000000000004"),
        FunctionCase("VARIANCE_SAMPLE", "[1, 3, 6, 5, 2]", "4.300000000000001"),
        FunctionCase("VARIANCE_SAMPLE", #"[1, "x"]"#, warns: .queryInvalidArithmeticValue),
        FunctionCase("VARIANCE_POPULATION", "null", warns: .queryArrayExpected),
        FunctionCase("SUM", "[1, 2, 3, 4]", "10"),
        FunctionCase("SUM", "[null, -5, 6]", "1"),
        FunctionCase("SUM", "[]", "0"),
        FunctionCase("SUM", "[0.1, 0.2]", "0.30000000000000004"),
        // Engine: a non-number element makes SUM null, without a warning.
        FunctionCase("SUM", #"[1, "a"]"#, "null"),
        FunctionCase("SUM", "1", warns: .queryArrayExpected),
        FunctionCase("SUM", "[1e308, 1e308]", "0"),
        FunctionCase("PRODUCT", "[1, 2, 3, 4]", "24"),
        FunctionCase("PRODUCT", "[]", "1"),
        FunctionCase("PRODUCT", "[null, 5]", "5"),
    ]

    func testMath() { XCTAssertEqual(checkCases(Self.math), 72) }

    func testRange() { XCTAssertEqual(checkCases(Self.ranges), 15) }

    func testAggregates() { XCTAssertEqual(checkCases(Self.aggregates), 54) }

    func testRandIsInTheUnitInterval() throws {
        for _ in 0..<100 {
            let value = try XCTUnwrap(callFunction("RAND", []).doubleValue)
            XCTAssertTrue((0..<1).contains(value), "\(value)")
        }
    }

    func testRangeWithFractionalStepAccumulatesLikeTheEngine() throws {
        let values = try XCTUnwrap(callFunction("RANGE", [0, 0.3, 0.1]).arrayValue)
        // Repeated addition: 0.1 + 0.1 + 0.1 overshoots 0.3, so 3 elements.
        XCTAssertEqual(values.compactMap(\.doubleValue), [0, 0.1, 0.2])
    }
}
