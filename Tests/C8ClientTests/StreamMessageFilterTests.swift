import C8Core
import C8Query
import XCTest
@testable import C8Client

/// A tail filter's parse errors point into what the user typed, not into
/// the query the filter is wrapped in.
final class StreamMessageFilterTests: XCTestCase {
    private func error(_ expression: String, file: StaticString = #filePath, line: UInt = #line) -> C8Error? {
        do {
            _ = try StreamMessageFilter.readOnlyQuery(for: expression)
            XCTFail("'\(expression)' parsed", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    func testAnExpressionThatEndsTooEarlySaysSo() throws {
        let failure = try XCTUnwrap(error("msg.price >"))
        XCTAssertEqual(failure.errorNum, 1501)
        XCTAssertEqual(failure.message, "syntax error, unexpected end of filter after 'msg.price >'")
    }

    func testAnErrorInsideThePositionsIntoTheExpression() throws {
        let failure = try XCTUnwrap(error("msg.price > > 3"))
        XCTAssertEqual(failure.errorNum, 1501)
        XCTAssertTrue(failure.message.hasSuffix("near '> 3' at position 1:13 of the filter"), failure.message)
        XCTAssertEqual(failure.queryErrorPosition?.column, 13)
        let second = try XCTUnwrap(error("msg.a == 1 &&\n  msg.b ==== 2"))
        XCTAssertTrue(second.message.hasSuffix("at position 2:11 of the filter"), second.message)
    }

    func testAGoodFilterIsTheWrappedQuery() throws {
        XCTAssertEqual(try StreamMessageFilter.readOnlyQuery(for: "msg.price > 10"), "FOR msg IN @batch RETURN (msg.price > 10) ? true : false")
    }
}
