import C8Core
import XCTest
@testable import C8Query

/// Shared helpers for the parser tests: parse and render as S-expressions,
/// or parse and capture the error.
enum ParserTesting {
    /// The whole query as an S-expression.
    static func tree(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            return SExpression.render(try QueryParser.parse(text).query)
        } catch {
            XCTFail("\(text) failed: \(error)", file: file, line: line)
            return ""
        }
    }

    /// The error parsing `text` throws, or nil (with a failure) when it parses.
    static func error(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> C8Error? {
        do {
            _ = try QueryParser.parse(text)
            XCTFail("\(text) parsed, expected an error", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    /// Asserts `text` fails with `code` at `line:column`, and that the
    /// message contains each of `fragments`.
    static func assertError(_ text: String, _ code: ErrorCode, at position: (Int, Int), _ fragments: String...,
                            file: StaticString = #filePath, line: UInt = #line) {
        guard let error = error(text, file: file, line: line) else { return }
        XCTAssertEqual(error.errorNum, code.errorNum, "\(text): \(error.message)", file: file, line: line)
        XCTAssertEqual(error.queryErrorPosition?.line, position.0, "\(text): \(error.message)", file: file, line: line)
        XCTAssertEqual(error.queryErrorPosition?.column, position.1, "\(text): \(error.message)", file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(error.message.contains(fragment), "\(text): '\(error.message)' lacks '\(fragment)'",
                          file: file, line: line)
        }
    }
}
