import XCTest
import C8Core
@testable import C8Query

/// A scripted database for the functions that read one (DOCUMENT,
/// COLLECTION_COUNT, COLLECTIONS, FULLTEXT, NEAR, WITHIN, CURRENT_USER),
/// which also records every warning and every index request.
final class FakeFunctionEnvironment: FunctionEnvironment, @unchecked Sendable {
    var warnings: [(code: ErrorCode, message: String)] = []
    var documents: [String: JSON] = [:]
    var counts: [String: Int] = [:]
    var currentUser: String?
    /// Collections that have a fulltext / geo index; others throw 1571 / 1570.
    var fulltextResults: [String: [JSON]] = [:]
    var geoResults: [String: [JSON]] = [:]
    var fulltextRequests: [(collection: String, attribute: String, query: String, limit: Int?)] = []
    var nearRequests: [(collection: String, latitude: Double, longitude: Double, limit: Int, distance: String?)] = []
    var withinRequests: [(collection: String, latitude: Double, longitude: Double, radius: Double, distance: String?)] = []

    func warn(_ code: ErrorCode, _ message: String) { warnings.append((code, message)) }

    func document(_ handle: String) throws(C8Error) -> JSON? {
        let collection = String(handle.split(separator: "/").first ?? "")
        guard counts[collection] != nil else { throw C8Error(.collectionNotFound, detail: collection) }
        return documents[handle]
    }

    func collectionCount(_ name: String) throws(C8Error) -> Int {
        guard let count = counts[name] else { throw C8Error(.collectionNotFound, detail: name) }
        return count
    }

    /// Ids made from the names: `c-<name>`.
    func collectionIdentities() -> [(id: String, name: String)] { counts.keys.map { ("c-\($0)", $0) } }

    func fulltext(collection: String, attribute: String, query: String, limit: Int?) throws(C8Error) -> [JSON] {
        fulltextRequests.append((collection, attribute, query, limit))
        guard let results = fulltextResults[collection] else {
            throw C8Error(.queryFulltextIndexMissing, arguments: [collection])
        }
        return limit.map { Array(results.prefix($0)) } ?? results
    }

    func near(collection: String, latitude: Double, longitude: Double, limit: Int,
              distanceAttribute: String?) throws(C8Error) -> [JSON] {
        nearRequests.append((collection, latitude, longitude, limit, distanceAttribute))
        guard let results = geoResults[collection] else { throw C8Error(.queryGeoIndexMissing, arguments: [collection]) }
        return Array(results.prefix(limit))
    }

    func within(collection: String, latitude: Double, longitude: Double, radius: Double,
                distanceAttribute: String?) throws(C8Error) -> [JSON] {
        withinRequests.append((collection, latitude, longitude, radius, distanceAttribute))
        guard let results = geoResults[collection] else { throw C8Error(.queryGeoIndexMissing, arguments: [collection]) }
        return results
    }
}

/// One row of the conformance corpus: a call and what ArangoDB's engine
/// answers — a value, a warning (with the value that comes with it,
/// usually null) or an error.
struct FunctionCase {
    enum Expectation {
        case value(String)
        case warning(ErrorCode, String)
        case error(ErrorCode)
    }

    let name: String
    let arguments: String
    let expectation: Expectation
    let line: UInt

    /// `name(arguments…)` returns `expected` without warnings; both are
    /// JSON text (`arguments` without the surrounding brackets).
    init(_ name: String, _ arguments: String, _ expected: String, line: UInt = #line) {
        self.name = name
        self.arguments = arguments
        self.expectation = .value(expected)
        self.line = line
    }

    init(_ name: String, _ arguments: String, warns code: ErrorCode, returning value: String = "null",
         line: UInt = #line) {
        self.name = name
        self.arguments = arguments
        self.expectation = .warning(code, value)
        self.line = line
    }

    init(_ name: String, _ arguments: String, throws code: ErrorCode, line: UInt = #line) {
        self.name = name
        self.arguments = arguments
        self.expectation = .error(code)
        self.line = line
    }
}

extension XCTestCase {
    /// Runs every case through ``FunctionRegistry/standard`` with a fresh
    /// environment (prepared by `setUp`) and checks value, warnings and
    /// errors. Returns how many cases ran, so suites can prove their size.
    @discardableResult
    func checkCases(_ cases: [FunctionCase], file: StaticString = #filePath,
               setUp: (FakeFunctionEnvironment) -> Void = { _ in }) -> Int {
        for c in cases {
            let environment = FakeFunctionEnvironment()
            setUp(environment)
            let call = "\(c.name)(\(c.arguments))"
            guard case .array(let arguments) = try? JSON.parse("[" + c.arguments + "]") else {
                XCTFail("unparsable arguments in \(call)", file: file, line: c.line)
                continue
            }
            let result: Result<JSON, C8Error> = Result { () throws(C8Error) -> JSON in
                try FunctionRegistry.standard.call(c.name, arguments: arguments, environment: environment)
            }
            switch (c.expectation, result) {
            case (.value(let text), .success(let value)):
                assertSame(value, text, call, file: file, line: c.line)
                XCTAssertTrue(environment.warnings.isEmpty, "\(call) warned \(environment.warnings)", file: file,
                              line: c.line)
            case (.warning(let code, let text), .success(let value)):
                assertSame(value, text, call, file: file, line: c.line)
                XCTAssertEqual(environment.warnings.map(\.code.errorNum), [code.errorNum], "\(call) warnings",
                               file: file, line: c.line)
            case (.error(let code), .failure(let error)):
                XCTAssertEqual(error.errorNum, code.errorNum, "\(call) threw \(error)", file: file, line: c.line)
            case (.error(let code), .success(let value)):
                XCTFail("\(call) returned \(value.jsonString()) instead of throwing \(code.errorNum)", file: file,
                        line: c.line)
            case (_, .failure(let error)):
                XCTFail("\(call) threw \(error)", file: file, line: c.line)
            }
        }
        return cases.count
    }

    private func assertSame(_ value: JSON, _ expectedText: String, _ call: String, file: StaticString, line: UInt) {
        guard let expected = try? JSON.parse(expectedText) else {
            return XCTFail("unparsable expectation for \(call): \(expectedText)", file: file, line: line)
        }
        XCTAssertTrue(JSON.strictlyEqual(value, expected), "\(call) = \(value.jsonString()), expected \(expectedText)",
                      file: file, line: line)
    }

    /// Evaluates one call whose result is not fixed (random, clock) for
    /// property checks.
    func callFunction(_ name: String, _ arguments: [JSON], _ environment: FakeFunctionEnvironment = FakeFunctionEnvironment())
        throws -> JSON
    {
        try FunctionRegistry.standard.call(name, arguments: arguments, environment: environment)
    }
}

extension JSON {
    /// Equality for tests: C8QL's `==` treats `[1]` and `[1, null]` (and
    /// `{}` and `{"a": null}`) as equal; this does not. Numbers match when
    /// within a relative 1e-12 (results of floating-point formulas), member
    /// order is ignored.
    static func strictlyEqual(_ a: JSON, _ b: JSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { strictlyEqual($0, $1) }
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            return x.members.allSatisfy { member in y[member.key].map { strictlyEqual(member.value, $0) } ?? false }
        default:
            guard let x = a.doubleValue, let y = b.doubleValue else { return false }
            return x == y || abs(x - y) <= 1e-12 * max(abs(x), abs(y))
        }
    }
}
