import C8Core
@testable import C8Server
import XCTest

final class QueryParametersTests: XCTestCase {
    func testBooleansArriveInEverySpellingClientsUse() throws {
        let query = try QueryParameters("a=1&b=0&c=true&d=False&e=True&f=FALSE&g&h=yes")
        XCTAssertEqual(try query.bool("a"), true)
        XCTAssertEqual(try query.bool("b"), false)
        XCTAssertEqual(try query.bool("c"), true)
        XCTAssertEqual(try query.bool("d"), false)
        XCTAssertEqual(try query.bool("e"), true)
        XCTAssertEqual(try query.bool("f"), false)
        XCTAssertEqual(try query.bool("g"), true, "a bare flag means true")
        XCTAssertEqual(try query.bool("h"), true)
        XCTAssertNil(try query.bool("missing"))
        XCTAssertEqual(try query.bool("missing", default: true), true)
    }

    func testMalformedValuesAre400() throws {
        let query = try QueryParameters("flag=maybe&n=x1")
        XCTAssertThrowsError(try query.bool("flag")) { XCTAssertEqual(($0 as? C8Error)?.code, 400) }
        XCTAssertThrowsError(try query.int("n")) { XCTAssertEqual(($0 as? C8Error)?.errorNum, 10) }
    }

    func testValuesAreDecodedWithPlusAsSpace() throws {
        let query = try QueryParameters("vertex=persons%2Falice&name=a+b&offset=3&empty=")
        XCTAssertEqual(query["vertex"], "persons/alice")
        XCTAssertEqual(query["name"], "a b")
        XCTAssertEqual(try query.int("offset"), 3)
        XCTAssertNil(try query.int("empty"))
        XCTAssertEqual(query["empty"], "")
    }

    func testBodyBooleansAcceptNumbersAndStrings() throws {
        let body: JSON = ["a": true, "b": 0, "c": "True", "d": "no"]
        XCTAssertEqual(try LenientBoolean.member(body, "a"), true)
        XCTAssertEqual(try LenientBoolean.member(body, "b"), false)
        XCTAssertEqual(try LenientBoolean.member(body, "c"), true)
        XCTAssertEqual(try LenientBoolean.member(body, "d"), false)
        XCTAssertNil(try LenientBoolean.member(body, "e"))
        XCTAssertThrowsError(try LenientBoolean.member(["x": 7], "x"))
    }
}
