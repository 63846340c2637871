import XCTest
import C8Core
@testable import C8Query

/// DOCUMENT, COLLECTION_COUNT, COLLECTIONS, CURRENT_USER, FULLTEXT (through
/// the fake environment), dynamic calls, assertions and helpers.
final class FunctionMiscTests: XCTestCase {
    private func prepare(_ environment: FakeFunctionEnvironment) {
        environment.counts = ["users": 2, "Orders": 0, "emails": 3]
        environment.documents = [
            "users/alice": ["_id": "users/alice", "_key": "alice", "name": "Alice"],
            "users/bob": ["_id": "users/bob", "_key": "bob", "name": "Bob"],
        ]
        environment.currentUser = "root"
        environment.fulltextResults["emails"] = [["_key": "1"], ["_key": "2"], ["_key": "3"]]
    }

    static let alice = #"{"_id": "users/alice", "_key": "alice", "name": "Alice"}"#
    static let bob = #"{"_id": "users/bob", "_key": "bob", "name": "Bob"}"#

    static let database: [FunctionCase] = [
        FunctionCase("DOCUMENT", #""users/alice""#, alice),
        FunctionCase("DOCUMENT", #""users", "alice""#, alice),
        FunctionCase("DOCUMENT", #""users", "users/alice""#, alice),
        FunctionCase("DOCUMENT", #""users", "other/alice""#, "null"),
        FunctionCase("DOCUMENT", #""users", ["alice", "bob", "nobody"]"#, "[\(alice), \(bob)]"),
        FunctionCase("DOCUMENT", #"["users/alice", "users/bob", "missing/x", 7]"#, "[\(alice), \(bob)]"),
        FunctionCase("DOCUMENT", #""users/nobody""#, "null"),
        FunctionCase("DOCUMENT", #""alice""#, "null"),
        FunctionCase("DOCUMENT", #""missing/x""#, "null"),
        FunctionCase("DOCUMENT", "123", "null"),
        FunctionCase("DOCUMENT", #"1, "alice""#, warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("COLLECTION_COUNT", #""users""#, "2"),
        FunctionCase("COLLECTION_COUNT", "1", throws: .queryFunctionArgumentTypeMismatch),
        FunctionCase("COLLECTION_COUNT", #""nope""#, throws: .collectionNotFound),
        FunctionCase("COLLECTIONS", "",
                     #"[{"_id": "c-emails", "name": "emails"}, {"_id": "c-Orders", "name": "Orders"}, {"_id": "c-users", "name": "users"}]"#),
        FunctionCase("CURRENT_USER", "", #""root""#),
        FunctionCase("CURRENT_USER_ATTRIBUTE", #""department""#, "null"),
        FunctionCase("FULLTEXT", #""emails", "body", "banana,-apple", 2"#, #"[{"_key": "1"}, {"_key": "2"}]"#),
        FunctionCase("FULLTEXT", #""emails", "body", "banana""#, #"[{"_key": "1"}, {"_key": "2"}, {"_key": "3"}]"#),
        FunctionCase("FULLTEXT", #""users", "name", "alice""#, throws: .queryFulltextIndexMissing),
        FunctionCase("FULLTEXT", #"1, "body", "x""#, throws: .queryFunctionArgumentTypeMismatch),
    ]

    static let calls: [FunctionCase] = [
        FunctionCase("APPLY", #""LEFT", ["Hello", 2]"#, #""He""#),
        FunctionCase("APPLY", #""concat", ["a", "b"]"#, #""ab""#),
        FunctionCase("APPLY", #""PI""#, "3.141592653589793"),
        FunctionCase("APPLY", #""LEFT", "x""#, warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("APPLY", #""LEFT", ["x"]"#, throws: .queryFunctionArgumentNumberMismatch),
        FunctionCase("CALL", #""SUBSTRING", "Hello", 1, 3"#, #""ell""#),
        FunctionCase("CALL", #""apply", "UPPER", ["x"]"#, #""X""#),
        FunctionCase("CALL", #""NOPE""#, throws: .queryFunctionNameUnknown),
        FunctionCase("CALL", #""MYFUNCS::DOUBLE", 2"#, throws: .queryFunctionNameUnknown),
        FunctionCase("CALL", "1", throws: .queryFunctionArgumentTypeMismatch),
        FunctionCase("CALL", #""LEFT", "x""#, throws: .queryFunctionArgumentNumberMismatch),
    ]

    static let helpers: [FunctionCase] = [
        FunctionCase("ASSERT", #"true, "ok""#, "true"),
        FunctionCase("ASSERT", #"1 , "truthy""#, "true"),
        FunctionCase("ASSERT", "false, 1", warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("WARN", #"true, "fine""#, "true"),
        FunctionCase("WARN", #"false, "careful""#, warns: .queryUserWarn, returning: "false"),
        FunctionCase("WARN", "false, null", warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("FAIL", #""boom""#, throws: .queryFailCalled),
        FunctionCase("FAIL", "", throws: .queryFailCalled),
        FunctionCase("NOT_NULL", "null, 2, null, 3", "2"),
        FunctionCase("NOT_NULL", "null, null", "null"),
        FunctionCase("NOT_NULL", "false", "false"),
        FunctionCase("FIRST_LIST", #"null, "a", [1], [2]"#, "[1]"),
        FunctionCase("FIRST_LIST", "null, {}", "null"),
        FunctionCase("FIRST_DOCUMENT", #"null, [1], {"a": 1}"#, #"{"a": 1}"#),
        FunctionCase("FIRST_DOCUMENT", "1, 2", "null"),
        FunctionCase("PASSTHRU", "[1, 2]", "[1, 2]"),
        FunctionCase("NOOPT", #""x""#, #""x""#),
        FunctionCase("CHECK_DOCUMENT", #"{"a": 1}"#, "true"),
        FunctionCase("CHECK_DOCUMENT", "[1]", "false"),
        FunctionCase("SLEEP", "0", "null"),
        FunctionCase("SLEEP", "-1", warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("DECODE_REV", #""!!""#, warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("DECODE_REV", "1", warns: .queryFunctionArgumentTypeMismatch),
    ]

    func testDatabaseFunctions() { XCTAssertEqual(checkCases(Self.database, setUp: prepare), 21) }

    func testDynamicCalls() { XCTAssertEqual(checkCases(Self.calls, setUp: prepare), 11) }

    func testHelpers() { XCTAssertEqual(checkCases(Self.helpers), 23) }

    func testFulltextPassesItsArgumentsThrough() throws {
        let environment = FakeFunctionEnvironment()
        prepare(environment)
        _ = try callFunction("FULLTEXT", ["emails", "body", "prefix:ban", 0], environment)
        XCTAssertEqual(environment.fulltextRequests.first?.collection, "emails")
        XCTAssertEqual(environment.fulltextRequests.first?.attribute, "body")
        XCTAssertEqual(environment.fulltextRequests.first?.query, "prefix:ban")
        XCTAssertNil(environment.fulltextRequests.first?.limit, "0 means no limit")
    }

    func testAssertThrowsTheUserAssertErrorWithTheMessage() {
        XCTAssertThrowsError(try callFunction("ASSERT", [false, "not ready"])) { error in
            let c8 = error as? C8Error
            XCTAssertEqual(c8?.errorNum, 1593)
            XCTAssertEqual(c8?.message, "not ready")
        }
    }

    func testFailMessages() {
        XCTAssertThrowsError(try callFunction("FAIL", ["boom"])) { XCTAssertEqual(($0 as? C8Error)?.message, "boom") }
        XCTAssertThrowsError(try callFunction("FAIL", [])) { XCTAssertEqual(($0 as? C8Error)?.message, "FAIL() called") }
    }

    func testWarnRecordsTheMessage() throws {
        let environment = FakeFunctionEnvironment()
        XCTAssertEqual(try callFunction("WARN", [false, "low stock"], environment), false)
        XCTAssertEqual(environment.warnings.map(\.message), ["low stock"])
    }

    func testCurrentUserIsNullInEmbeddedMode() throws {
        XCTAssertEqual(try callFunction("CURRENT_USER", []), .null)
    }

    func testHashAgreesWithEqualityAndIsStable() throws {
        func hash(_ value: JSON) throws -> JSON { try callFunction("HASH", [value]) }
        XCTAssertEqual(try hash(1), try hash(1.0))
        XCTAssertEqual(try hash(0), try hash(-0.0))
        XCTAssertEqual(try hash([1, .null]), try hash([1]))
        XCTAssertEqual(try hash(["a": 1, "b": 2]), try hash(["b": 2, "a": 1]))
        XCTAssertEqual(try hash(["a": 1, "z": .null]), try hash(["a": 1]))
        XCTAssertNotEqual(try hash("a"), try hash("b"))
        XCTAssertNotEqual(try hash([1, 2]), try hash([2, 1]))
        XCTAssertNotEqual(try hash("1"), try hash(1))
        for value: JSON in [.null, true, 12345, "x", [1, [2]], ["k": "v"]] {
            let number = try XCTUnwrap(hash(value).intValue)
            XCTAssertTrue(number >= 0 && number < 1 << 51, "\(number)")
        }
        // Pinned: the hash of a value must not change between versions.
        XCTAssertEqual(try hash(["name": "c8", "tags": [1, 2.5, true, .null]]), .int(989_800_174_127_044))
        XCTAssertEqual(try hash("foobar"), .int(49_500_443_229_961))
    }

    func testDecodeRev() throws {
        let revision = Revision(HybridTimestamp(milliseconds: 1_577_836_800_123, logical: 5)).string
        XCTAssertEqual(try callFunction("DECODE_REV", [.string(revision)]), ["date": "2020-01-01T00:00:00.123Z", "count": 5])
        // ArangoDB's encoding, as in its and Macrometa's documentation.
        XCTAssertEqual(try callFunction("DECODE_REV", ["_YU0HOEG---"]), ["date": "2019-03-11T16:15:05.314Z", "count": 0])
        XCTAssertEqual(try callFunction("DECODE_REV", ["_YU0HOEG--A"]), ["date": "2019-03-11T16:15:05.314Z", "count": 2])
    }
}
