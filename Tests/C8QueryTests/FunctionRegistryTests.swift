import XCTest
import C8Core
@testable import C8Query

/// The registry: lookup, argument-count checks with ArangoDB's messages,
/// aliases, flags, and completeness against C8-API.md §2.7.
final class FunctionRegistryTests: XCTestCase {
    private let registry = FunctionRegistry.standard

    func testLookupIgnoresCase() throws {
        XCTAssertEqual(registry.definition(named: "concat")?.name, "CONCAT")
        XCTAssertEqual(try registry.lookup("Date_Now").name, "DATE_NOW")
        XCTAssertEqual(try registry.call("lower", arguments: ["ABC"], environment: FakeFunctionEnvironment()), "abc")
    }

    func testUnknownFunctionIs1540() {
        XCTAssertThrowsError(try registry.call("frobnicate", arguments: [], environment: FakeFunctionEnvironment())) {
            let error = $0 as? C8Error
            XCTAssertEqual(error?.errorNum, 1540)
            XCTAssertEqual(error?.message, "usage of unknown function 'FROBNICATE()'")
        }
        XCTAssertNil(registry.definition(named: "NO_SUCH_FUNCTION"))
    }

    func testArgumentCountMismatchIs1541WithArangoDBsMessage() {
        XCTAssertThrowsError(try registry.call("LEFT", arguments: ["a"], environment: FakeFunctionEnvironment())) {
            let error = $0 as? C8Error
            XCTAssertEqual(error?.errorNum, 1541)
            XCTAssertEqual(error?.message,
                           "invalid number of arguments for function 'LEFT()', expected number of arguments: minimum: 2, maximum: 2")
        }
        XCTAssertThrowsError(try registry.call("CONCAT", arguments: [], environment: FakeFunctionEnvironment())) {
            XCTAssertEqual(($0 as? C8Error)?.message,
                           "invalid number of arguments for function 'CONCAT()', expected number of arguments: minimum: 1, maximum: 65536")
        }
        XCTAssertThrowsError(try registry.call("PI", arguments: [1], environment: FakeFunctionEnvironment())) {
            XCTAssertEqual(($0 as? C8Error)?.errorNum, 1541)
        }
        XCTAssertNoThrow(try registry.lookup("SUBSTRING").checkArgumentCount(3))
    }

    func testAliasesShareTheImplementation() throws {
        let pairs = [("IS_LIST", "IS_ARRAY"), ("IS_DOCUMENT", "IS_OBJECT"), ("TO_LIST", "TO_ARRAY"), ("COUNT", "LENGTH"),
                     ("AVG", "AVERAGE"), ("VARIANCE", "VARIANCE_POPULATION"), ("STDDEV", "STDDEV_POPULATION"),
                     ("COUNT_UNIQUE", "COUNT_DISTINCT"), ("CONTAINS_ARRAY", "POSITION"), ("KEYS", "ATTRIBUTES")]
        let probe: JSON = [3, 1, 2]
        for (alias, original) in pairs {
            let a = try XCTUnwrap(registry.definition(named: alias))
            let o = try XCTUnwrap(registry.definition(named: original))
            XCTAssertEqual(a.arguments, o.arguments, alias)
            XCTAssertEqual(a.family, o.family, alias)
            let arguments = Array(repeating: probe, count: o.arguments.lowerBound)
            XCTAssertTrue(JSON.strictlyEqual(try a.implementation(arguments, FakeFunctionEnvironment()),
                                             try o.implementation(arguments, FakeFunctionEnvironment())), alias)
        }
    }

    func testNamesAreSortedUniqueAndUpperCase() {
        let names = registry.names
        XCTAssertEqual(names, names.sorted())
        XCTAssertEqual(Set(names).count, names.count)
        XCTAssertTrue(names.allSatisfy { $0 == $0.uppercased() })
    }

    func testDeterminismFlags() throws {
        for name in ["RAND", "UUID", "RANDOM_TOKEN", "DOCUMENT", "COLLECTION_COUNT", "COLLECTIONS", "FULLTEXT", "NEAR",
                     "WITHIN", "CALL", "APPLY", "ASSERT", "WARN", "FAIL", "SLEEP"] {
            XCTAssertFalse(try registry.lookup(name).isDeterministic, name)
        }
        for name in ["CONCAT", "DATE_ADD", "MERGE", "GEO_DISTANCE", "HASH", "DATE_NOW", "CURRENT_USER"] {
            XCTAssertTrue(try registry.lookup(name).isDeterministic, name)
        }
    }

    func testFamilies() throws {
        XCTAssertEqual(try registry.lookup("IS_NULL").family, .typeCheck)
        XCTAssertEqual(try registry.lookup("TO_NUMBER").family, .typeCast)
        XCTAssertEqual(try registry.lookup("SUBSTITUTE").family, .string)
        XCTAssertEqual(try registry.lookup("MEDIAN").family, .numeric)
        XCTAssertEqual(try registry.lookup("FLATTEN").family, .array)
        XCTAssertEqual(try registry.lookup("MERGE").family, .object)
        XCTAssertEqual(try registry.lookup("DATE_DIFF").family, .date)
        XCTAssertEqual(try registry.lookup("GEO_AREA").family, .geo)
        XCTAssertEqual(try registry.lookup("FULLTEXT").family, .fulltext)
        XCTAssertEqual(try registry.lookup("DOCUMENT").family, .miscellaneous)
    }

    /// Every function C8-API.md §2.7 lists (outside the view-only search
    /// functions) is registered, with ArangoDB's arity.
    func testEveryDocumentedFunctionIsRegistered() throws {
        let arities: [String: ClosedRange<Int>] = [
            "IS_NULL": 1...1, "IS_BOOL": 1...1, "IS_NUMBER": 1...1, "IS_STRING": 1...1, "IS_ARRAY": 1...1,
            "IS_LIST": 1...1, "IS_OBJECT": 1...1, "IS_DOCUMENT": 1...1, "IS_DATESTRING": 1...1, "IS_KEY": 1...1,
            "TYPENAME": 1...1, "IS_IPV4": 1...1,
            "TO_BOOL": 1...1, "TO_NUMBER": 1...1, "TO_STRING": 1...1, "TO_ARRAY": 1...1, "TO_LIST": 1...1,
            "CHAR_LENGTH": 1...1, "CONCAT": 1...Int.max, "CONCAT_SEPARATOR": 2...Int.max, "CONTAINS": 2...3,
            "COUNT": 1...1, "LENGTH": 1...1, "CRC32": 1...1, "ENCODE_URI_COMPONENT": 1...1, "FIND_FIRST": 2...4,
            "FIND_LAST": 2...4, "FNV64": 1...1, "JSON_PARSE": 1...1, "JSON_STRINGIFY": 1...1, "LEFT": 2...2,
            "LEVENSHTEIN_DISTANCE": 2...2, "LIKE": 2...3, "LOWER": 1...1, "LTRIM": 1...2, "MD5": 1...1,
            "RANDOM_TOKEN": 1...1, "REGEX_MATCHES": 2...3, "REGEX_REPLACE": 3...4, "REGEX_SPLIT": 2...4,
            "REGEX_TEST": 2...3, "REVERSE": 1...1, "RIGHT": 2...2, "RTRIM": 1...2, "SHA1": 1...1, "SHA512": 1...1,
            "SOUNDEX": 1...1, "SPLIT": 1...3, "SUBSTITUTE": 2...4, "SUBSTRING": 2...3, "TO_BASE64": 1...1,
            "TO_HEX": 1...1, "TRIM": 1...2, "UPPER": 1...1, "UUID": 0...0, "SHA256": 1...1,
            "IPV4_TO_NUMBER": 1...1, "IPV4_FROM_NUMBER": 1...1,
            "ABS": 1...1, "ACOS": 1...1, "ASIN": 1...1, "ATAN": 1...1, "ATAN2": 2...2, "AVERAGE": 1...1, "AVG": 1...1,
            "CEIL": 1...1, "COS": 1...1, "DEGREES": 1...1, "EXP": 1...1, "EXP2": 1...1, "FLOOR": 1...1, "LOG": 1...1,
            "LOG2": 1...1, "LOG10": 1...1, "MAX": 1...1, "MEDIAN": 1...1, "MIN": 1...1, "PERCENTILE": 2...3,
            "PI": 0...0, "POW": 2...2, "RADIANS": 1...1, "RAND": 0...0, "RANGE": 2...3, "ROUND": 1...1, "SIN": 1...1,
            "SQRT": 1...1, "STDDEV_POPULATION": 1...1, "STDDEV": 1...1, "STDDEV_SAMPLE": 1...1, "SUM": 1...1,
            "TAN": 1...1, "VARIANCE_POPULATION": 1...1, "VARIANCE": 1...1, "VARIANCE_SAMPLE": 1...1, "PRODUCT": 1...1,
            "APPEND": 2...3, "CONTAINS_ARRAY": 2...3, "COUNT_DISTINCT": 1...1, "COUNT_UNIQUE": 1...1, "FIRST": 1...1,
            "FLATTEN": 1...2, "INTERSECTION": 2...Int.max, "LAST": 1...1, "MINUS": 2...Int.max, "NTH": 2...2,
            "OUTERSECTION": 2...Int.max, "POP": 1...1, "POSITION": 2...3, "PUSH": 2...3, "REMOVE_NTH": 2...2,
            "REMOVE_VALUE": 2...3, "REMOVE_VALUES": 2...2, "SHIFT": 1...1, "SLICE": 2...3, "SORTED": 1...1,
            "SORTED_UNIQUE": 1...1, "UNION": 2...Int.max, "UNION_DISTINCT": 2...Int.max, "UNIQUE": 1...1,
            "UNSHIFT": 2...3, "REPLACE_NTH": 3...4, "INTERLEAVE": 2...Int.max, "JACCARD": 2...2,
            "ATTRIBUTES": 1...3, "KEYS": 1...3, "HAS": 2...2, "IS_SAME_COLLECTION": 2...2, "KEEP": 2...Int.max,
            "MATCHES": 2...3, "MERGE": 1...Int.max, "MERGE_RECURSIVE": 1...Int.max, "PARSE_IDENTIFIER": 1...1,
            "TRANSLATE": 2...3, "UNSET": 2...Int.max, "UNSET_RECURSIVE": 2...Int.max, "VALUES": 1...2, "ZIP": 2...2,
            "KEEP_RECURSIVE": 2...Int.max, "PARSE_KEY": 1...1, "PARSE_COLLECTION": 1...1, "VALUE": 2...2,
            "DATE_NOW": 0...0, "DATE_ISO8601": 1...7, "DATE_TIMESTAMP": 1...7, "DATE_DAYOFWEEK": 1...1,
            "DATE_YEAR": 1...1, "DATE_MONTH": 1...1, "DATE_DAY": 1...1, "DATE_HOUR": 1...1, "DATE_MINUTE": 1...1,
            "DATE_SECOND": 1...1, "DATE_MILLISECOND": 1...1, "DATE_DAYOFYEAR": 1...1, "DATE_ISOWEEK": 1...1,
            "DATE_LEAPYEAR": 1...1, "DATE_QUARTER": 1...1, "DATE_DAYS_IN_MONTH": 1...1, "DATE_TRUNC": 2...2,
            "DATE_FORMAT": 2...2, "DATE_ADD": 2...3, "DATE_SUBTRACT": 2...3, "DATE_DIFF": 3...4,
            "DATE_COMPARE": 3...4, "DATE_ISOWEEKYEAR": 1...1, "DATE_ROUND": 3...3,
            "DISTANCE": 4...4, "GEO_DISTANCE": 2...3, "GEO_CONTAINS": 2...2, "GEO_INTERSECTS": 2...2,
            "GEO_EQUALS": 2...2, "GEO_AREA": 1...2, "GEO_POINT": 2...2, "GEO_MULTIPOINT": 1...1,
            "GEO_LINESTRING": 1...1, "GEO_MULTILINESTRING": 1...1, "GEO_POLYGON": 1...1, "GEO_MULTIPOLYGON": 1...1,
            "NEAR": 3...5, "WITHIN": 4...5, "IS_IN_POLYGON": 2...3, "GEO_IN_RANGE": 4...7,
            "FULLTEXT": 3...4,
            "COLLECTION_COUNT": 1...1, "COLLECTIONS": 0...0, "CURRENT_USER": 0...0, "CURRENT_USER_ATTRIBUTE": 1...1,
            "CURRENT_APIKEY_ATTRIBUTE": 1...1, "DECODE_REV": 1...1, "DOCUMENT": 1...2, "NOT_NULL": 1...Int.max,
            "FIRST_LIST": 1...Int.max, "FIRST_DOCUMENT": 1...Int.max, "HASH": 1...1, "APPLY": 1...2,
            "CALL": 1...Int.max, "ASSERT": 2...2, "WARN": 2...2, "PASSTHRU": 1...1, "NOOPT": 1...1, "SLEEP": 1...1,
            "FAIL": 0...1, "CHECK_DOCUMENT": 1...1,
        ]
        for (name, arity) in arities {
            guard let definition = registry.definition(named: name) else {
                XCTFail("\(name) is not registered")
                continue
            }
            XCTAssertEqual(definition.arguments, arity, name)
        }
        XCTAssertEqual(registry.names.count, arities.count, "registered but not listed: \(Set(registry.names).subtracting(arities.keys))")
    }
}
