import Foundation
import XCTest
@testable import C8Console

/// The compiled-in default is a copy of `Themes/default.theme`; these tests
/// keep the two from drifting apart.
final class BuiltinThemeTests: XCTestCase {
    private let openDelimiter = "    public static let text = #\"\"\"\n"
    private let closeDelimiter = "\n    \"\"\"#\n"

    func testCompiledInDefaultEqualsThemeFileByteForByte() throws {
        let file = RepositoryLayout.themesDirectory.appendingPathComponent("default.theme")
        let onDisk = try Data(contentsOf: file)
        if ProcessInfo.processInfo.environment["C8_RECORD_BUILTIN_THEME"] == "1" {
            try record(String(decoding: onDisk, as: UTF8.self))
        }
        let compiled = Array(BuiltinTheme.text.utf8), expected = Array(onDisk)
        guard compiled != expected else { return }
        let common = min(compiled.count, expected.count)
        let firstDifference = (0..<common).first { compiled[$0] != expected[$0] } ?? common
        let line = expected[..<firstDifference].filter { $0 == UInt8(ascii: "\n") }.count + 1
        XCTFail("BuiltinTheme.text differs from Themes/default.theme from line \(line) on "
            + "(\(compiled.count) vs \(expected.count) bytes): run the tests once with "
            + "C8_RECORD_BUILTIN_THEME=1, then build again")
    }

    func testCompiledInDefaultParsesToTheNamedTheme() throws {
        let parsed = try ThemeParser.parse(BuiltinTheme.text, file: BuiltinTheme.label)
        XCTAssertEqual(parsed.name, BuiltinTheme.name)
        XCTAssertEqual(BuiltinTheme.theme, parsed, "BuiltinTheme.theme fell back to fallback styles")
    }

    /// Rewrites the literal in BuiltinTheme.swift; the build that follows
    /// compiles the new copy in.
    private func record(_ theme: String) throws {
        let source = try String(contentsOf: RepositoryLayout.builtinThemeSource, encoding: .utf8)
        guard let open = source.range(of: openDelimiter),
              let close = source.range(of: closeDelimiter, range: open.upperBound..<source.endIndex) else {
            return XCTFail("BuiltinTheme.swift lost its text literal delimiters")
        }
        let indented = theme.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
        let updated = source[..<open.upperBound] + indented + source[close.lowerBound...]
        try Data(updated.utf8).write(to: RepositoryLayout.builtinThemeSource)
    }
}
