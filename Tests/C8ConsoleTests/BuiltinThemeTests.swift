import Foundation
import XCTest
@testable import C8Console

/// The compiled-in themes are copies of the files in `Themes/`; these tests
/// keep them from drifting apart.
final class BuiltinThemeTests: XCTestCase {
    private let openDelimiter = "    public static let text = #\"\"\"\n"
    private let closeDelimiter = "\n    \"\"\"#\n"

    /// Each shipped theme and the source file holding its compiled-in copy.
    private let shipped: [(name: String, text: String, source: String)] = [
        (BuiltinTheme.name, BuiltinTheme.text, "BuiltinTheme.swift"),
        (HighContrastTheme.name, HighContrastTheme.text, "HighContrastTheme.swift"),
        (LightTheme.name, LightTheme.text, "LightTheme.swift"),
        (MonochromeTheme.name, MonochromeTheme.text, "MonochromeTheme.swift"),
    ]

    func testCompiledInThemesEqualTheThemeFilesByteForByte() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: RepositoryLayout.themesDirectory.path)
            .filter { $0.hasSuffix(".theme") }.sorted()
        XCTAssertEqual(files, shipped.map { $0.name + ".theme" }.sorted(), "every file in Themes/ is compiled in, and only those")
        XCTAssertEqual(ShippedThemes.all.map(\.name), shipped.map(\.name))
        for theme in shipped {
            let file = RepositoryLayout.themesDirectory.appendingPathComponent(theme.name + ".theme")
            let onDisk = try Data(contentsOf: file)
            if ProcessInfo.processInfo.environment["C8_RECORD_BUILTIN_THEME"] == "1" {
                try record(String(decoding: onDisk, as: UTF8.self), into: theme.source)
            }
            let compiled = Array(theme.text.utf8), expected = Array(onDisk)
            guard compiled != expected else { continue }
            let common = min(compiled.count, expected.count)
            let firstDifference = (0..<common).first { compiled[$0] != expected[$0] } ?? common
            let line = expected[..<firstDifference].filter { $0 == UInt8(ascii: "\n") }.count + 1
            XCTFail("\(theme.source) differs from Themes/\(theme.name).theme from line \(line) on "
                + "(\(compiled.count) vs \(expected.count) bytes): run the tests once with "
                + "C8_RECORD_BUILTIN_THEME=1, then build again")
        }
    }

    func testEveryShippedThemeLoadsWithoutItsFile() throws {
        let catalog = ThemeCatalog(directories: [FileManager.default.temporaryDirectory.appendingPathComponent("no-themes-here").path])
        XCTAssertEqual(catalog.availableThemes().map(\.name), shipped.map(\.name).sorted())
        for theme in shipped {
            XCTAssertEqual(try catalog.load(named: theme.name).name, theme.name)
        }
    }

    func testCompiledInDefaultParsesToTheNamedTheme() throws {
        let parsed = try ThemeParser.parse(BuiltinTheme.text, file: BuiltinTheme.label)
        XCTAssertEqual(parsed.name, BuiltinTheme.name)
        XCTAssertEqual(BuiltinTheme.theme, parsed, "BuiltinTheme.theme fell back to fallback styles")
    }

    /// Rewrites the literal in `file`; the build that follows
    /// compiles the new copy in.
    private func record(_ theme: String, into file: String) throws {
        let url = RepositoryLayout.builtinThemeSource.deletingLastPathComponent().appendingPathComponent(file)
        let source = try String(contentsOf: url, encoding: .utf8)
        guard let open = source.range(of: openDelimiter) ?? source.range(of: openDelimiter.replacingOccurrences(of: "public ", with: "")),
              let close = source.range(of: closeDelimiter, range: open.upperBound..<source.endIndex) else {
            return XCTFail("\(file) lost its text literal delimiters")
        }
        let indented = theme.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
        let updated = source[..<open.upperBound] + indented + source[close.lowerBound...]
        try Data(updated.utf8).write(to: url)
    }
}
