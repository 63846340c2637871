import XCTest
@testable import C8Core

final class C8ErrorTests: XCTestCase {
    // MARK: Catalog

    func testCatalogRowsForDocumentErrors() {
        let expected: [(ErrorCode, Int, String, Int, String)] = [
            (.conflict, 1200, "ERROR_ARANGO_CONFLICT", 409, "conflict"),
            (.documentNotFound, 1202, "ERROR_ARANGO_DOCUMENT_NOT_FOUND", 404, "document not found"),
            (.collectionNotFound, 1203, "ERROR_ARANGO_DATA_SOURCE_NOT_FOUND", 404, "collection or view not found"),
            (.documentHandleBad, 1205, "ERROR_ARANGO_DOCUMENT_HANDLE_BAD", 400, "illegal document handle"),
            (.illegalName, 1208, "ERROR_ARANGO_ILLEGAL_NAME", 400, "illegal name"),
            (.uniqueConstraintViolated, 1210, "ERROR_ARANGO_UNIQUE_CONSTRAINT_VIOLATED", 409,
             "unique constraint violated"),
            (.documentTooLarge, 1216, "ERROR_ARANGO_DOCUMENT_TOO_LARGE", 413, "document too large"),
            (.documentKeyBad, 1221, "ERROR_ARANGO_DOCUMENT_KEY_BAD", 400, "illegal document key"),
            (.databaseNotFound, 1228, "ERROR_ARANGO_DATABASE_NOT_FOUND", 404, "database not found"),
            (.databaseNameInvalid, 1229, "ERROR_ARANGO_DATABASE_NAME_INVALID", 400, "database name invalid"),
            (.invalidKeyGenerator, 1232, "ERROR_ARANGO_INVALID_KEY_GENERATOR", 400, "invalid key generator"),
            (.invalidEdgeAttribute, 1233, "ERROR_ARANGO_INVALID_EDGE_ATTRIBUTE", 400,
             "edge attribute missing or invalid"),
            (.mustNotSpecifyKey, 1466, "ERROR_CLUSTER_MUST_NOT_SPECIFY_KEY", 400,
             "must not specify _key for this collection"),
            (.queryParse, 1501, "ERROR_QUERY_PARSE", 400, "syntax error"),
            (.corruptedJSON, 600, "ERROR_HTTP_CORRUPTED_JSON", 400, "invalid JSON object"),
            (.cursorNotFound, 1600, "ERROR_CURSOR_NOT_FOUND", 404, "cursor not found"),
            (.graphNotFound, 1924, "ERROR_GRAPH_NOT_FOUND", 404, "graph not found"),
        ]
        for (code, num, name, status, message) in expected {
            XCTAssertEqual(code.errorNum, num, "\(code)")
            XCTAssertEqual(code.name, name, "\(code)")
            XCTAssertEqual(code.httpStatus, status, "\(code)")
            XCTAssertEqual(code.defaultMessage, message, "\(code)")
        }
    }

    /// Every number C8-API.md §1.19 lists is in the catalog.
    func testCatalogCoversTheDocumentedNumbers() {
        let documented = [
            400, 401, 403, 404, 405, 412, 600, 1200, 1202, 1203, 1204, 1205, 1207, 1208, 1210, 1211, 1212,
            1216, 1218, 1221, 1222, 1226, 1227, 1228, 1229, 1232, 1233, 1237, 1466, 1500, 1501, 1502, 1504,
            1510, 1511, 1512, 1521, 1522, 1540, 1541, 1542, 1543, 1550, 1551, 1552, 1553, 1562, 1563, 1569,
            1570, 1571, 1572, 1573, 1574, 1577, 1579, 1600, 1601, 1700, 1701, 1702, 1703, 1704, 1705,
            1901, 1906, 1907, 1921, 1924, 1925, 1940,
        ]
        let missing = documented.filter { ErrorCode(rawValue: $0) == nil }
        XCTAssertEqual(missing, [])
    }

    func testEveryEntryIsWellFormed() {
        var names = Set<String>()
        for code in ErrorCode.allCases {
            XCTAssertTrue(code.name.hasPrefix("ERROR_"), "\(code): \(code.name)")
            XCTAssertTrue(names.insert(code.name).inserted, "duplicate name \(code.name)")
            XCTAssertTrue((400...599).contains(code.httpStatus), "\(code): \(code.httpStatus)")
            XCTAssertFalse(code.defaultMessage.isEmpty, "\(code)")
            XCTAssertFalse(code.defaultMessage.contains("%"), "\(code) default message has a placeholder")
            XCTAssertEqual(ErrorCode(rawValue: code.errorNum), code)
        }
        // HTTP-family numbers equal their status.
        for code in ErrorCode.allCases where code.name.hasPrefix("ERROR_HTTP_") && code.errorNum < 600 {
            XCTAssertEqual(code.errorNum, code.httpStatus, "\(code)")
        }
    }

    func testLookupOfUnknownNumberIsNil() {
        XCTAssertNil(ErrorCode(rawValue: 1201))
        XCTAssertNil(ErrorCode(rawValue: -1))
        XCTAssertNil(C8Error(code: 500, errorNum: 99_999, message: "x").errorCode)
    }

    func testC8Names() {
        XCTAssertEqual(ErrorCode.documentNotFound.c8Name, "ERROR_C8DB_DOCUMENT_NOT_FOUND")
        XCTAssertEqual(ErrorCode.collectionNotFound.c8Name, "ERROR_C8DB_COLLECTION_NOT_FOUND")
        XCTAssertEqual(ErrorCode.queryParse.c8Name, "ERROR_QUERY_PARSE")
    }

    func testTemplatesFillArgumentsInOrder() {
        XCTAssertEqual(ErrorCode.queryBindParameterMissing.message(arguments: ["name"]),
                       "no value specified for declared bind parameter 'name'")
        XCTAssertEqual(
            ErrorCode.queryFunctionArgumentNumberMismatch.message(arguments: ["LENGTH", "1", "1"]),
            "invalid number of arguments for function 'LENGTH()', expected number of arguments: minimum: 1, maximum: 1")
        XCTAssertEqual(ErrorCode.queryFailCalled.message(arguments: ["boom"]), "FAIL(boom) called")
        // Missing arguments leave the placeholder empty rather than failing.
        XCTAssertEqual(ErrorCode.queryVariableNameUnknown.message(arguments: []), "unknown variable ''")
        // No template: the default message, arguments ignored.
        XCTAssertEqual(ErrorCode.documentNotFound.message(arguments: ["x"]), "document not found")
    }

    // MARK: C8Error

    func testDefaultInitUsesCatalog() {
        let e = C8Error(.documentNotFound)
        XCTAssertEqual(e.code, 404)
        XCTAssertEqual(e.errorNum, 1202)
        XCTAssertEqual(e.message, "document not found")
        XCTAssertNil(e.underlying)
        XCTAssertEqual(e.errorCode, .documentNotFound)
    }

    func testMessageAndStatusOverrides() {
        let custom = C8Error(.collectionNotFound, "collection 'users' not found")
        XCTAssertEqual(custom.message, "collection 'users' not found")
        XCTAssertEqual(custom.code, 404)

        let precondition = C8Error(.conflict, httpStatus: 412)
        XCTAssertEqual(precondition.code, 412)
        XCTAssertEqual(precondition.errorNum, 1200)
        XCTAssertEqual(precondition.message, "conflict")
    }

    func testDescriptionIsOneReadableLine() {
        XCTAssertEqual(C8Error(.collectionNotFound, detail: "users").description,
                       "[1203] collection or view not found: users")
        XCTAssertEqual("\(C8Error(.documentKeyBad))", "[1221] illegal document key")
        XCTAssertEqual(C8Error(.queryBindParameterUndeclared, arguments: ["x"]).description,
                       "[1552] bind parameter 'x' was not declared in the query")
    }

    struct DiskFull: Error, CustomStringConvertible {
        var description: String { "disk full" }
    }

    func testWrapKeepsC8ErrorsAndWrapsOthers() {
        let original = C8Error(.documentTooLarge)
        XCTAssertEqual(C8Error.wrap(original, as: .internalError), original)

        let wrapped = C8Error.wrap(DiskFull())
        XCTAssertEqual(wrapped.errorNum, 4)
        XCTAssertEqual(wrapped.code, 500)
        XCTAssertEqual(wrapped.message, "internal error: disk full")
        XCTAssertTrue(wrapped.underlying is DiskFull)
        XCTAssertTrue(wrapped.debugDescription.contains("caused by"), wrapped.debugDescription)
        XCTAssertTrue(wrapped.debugDescription.contains("HTTP 500"), wrapped.debugDescription)

        let asIO = C8Error.wrap(DiskFull(), as: .readOnly)
        XCTAssertEqual(asIO.errorNum, 1004)
        XCTAssertEqual(asIO.code, 403)
    }

    func testEqualityComparesWireFieldsOnly() {
        XCTAssertEqual(C8Error(.documentNotFound), C8Error(.documentNotFound, underlying: DiskFull()))
        XCTAssertNotEqual(C8Error(.documentNotFound), C8Error(.documentNotFound, "gone"))
        XCTAssertNotEqual(C8Error(.conflict), C8Error(.conflict, httpStatus: 412))
    }

    func testPatternMatchingInCatch() {
        func fail() throws { throw C8Error(.cursorNotFound) }
        do {
            try fail()
            XCTFail("expected a throw")
        } catch let error as C8Error where error.matches(.documentNotFound) {
            XCTFail("matched the wrong code")
        } catch let error as C8Error where error.matches(.cursorNotFound) {
            // expected
        } catch {
            XCTFail("unexpected \(error)")
        }
        XCTAssertTrue(C8Error(.cursorBusy).matches(.cursorBusy))
        XCTAssertFalse(C8Error(.cursorBusy).matches(.cursorNotFound))
    }

    // MARK: Wire form

    func testWireFields() {
        let fields = C8Error(.uniqueConstraintViolated).wireFields
        XCTAssertEqual(fields, C8ErrorWireFields(error: true, code: 409, errorNum: 1210,
                                                 errorMessage: "unique constraint violated"))
    }

    func testJSONEnvelope() {
        let json = C8Error(.databaseNotFound, detail: "demo").json
        guard case .object(let object) = json else { return XCTFail("not an object: \(json)") }
        XCTAssertEqual(object.keys, ["error", "code", "errorNum", "errorMessage"])
        XCTAssertEqual(json["error"].boolValue, true)
        XCTAssertEqual(json["code"].intValue, 404)
        XCTAssertEqual(json["errorNum"].intValue, 1228)
        XCTAssertEqual(json["errorMessage"].stringValue, "database not found: demo")
    }

    func testJSONEnvelopeRoundTrip() {
        let original = C8Error(.conflict, "revision mismatch", httpStatus: 412)
        XCTAssertEqual(C8Error(json: original.json), original)
    }

    func testParsingRemoteEnvelopes() {
        // A batch item without `code`: status from the catalog.
        let item: JSON = ["error": true, "errorNum": 1210, "errorMessage": "unique constraint violated - x"]
        let parsed = C8Error(json: item)
        XCTAssertEqual(parsed?.code, 409)
        XCTAssertEqual(parsed?.message, "unique constraint violated - x")

        // Unknown number without code: 500.
        XCTAssertEqual(C8Error(json: ["error": true, "errorNum": 77_777])?.code, 500)

        XCTAssertNil(C8Error(json: ["error": false, "code": 200, "result": []]))
        XCTAssertNil(C8Error(json: ["error": true, "errorMessage": "no number"]))
        XCTAssertNil(C8Error(json: "error"))
    }
}
