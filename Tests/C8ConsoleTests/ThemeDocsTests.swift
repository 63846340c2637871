import Foundation
import XCTest
@testable import C8Console

/// Docs/THEMES.md must describe the roles the code knows, and its examples
/// must be themes the code accepts.
final class ThemeDocsTests: XCTestCase {
    private func document() throws -> String {
        try String(contentsOf: RepositoryLayout.themesDocument, encoding: .utf8)
    }

    /// The table row the docs must have for `role`.
    static func row(for role: ThemeRole) -> String {
        let fallback: String
        if role == .text {
            fallback = "`default`"
        } else if role.fallbackAttributes.isEmpty {
            fallback = "`text` colours"
        } else {
            fallback = "`text` colours + \(role.fallbackAttributes)"
        }
        return "| `\(role.rawValue)` | \(role.summary) | \(fallback) | \(role.mustStandOut ? "yes" : "") |"
    }

    func testRoleTableListsEveryRoleInOrderWithItsFallback() throws {
        let text = try document()
        guard let begin = text.range(of: "<!-- roles:begin -->\n"),
              let end = text.range(of: "<!-- roles:end -->", range: begin.upperBound..<text.endIndex) else {
            return XCTFail("Docs/THEMES.md lost its <!-- roles:begin/end --> markers")
        }
        let rows = text[begin.upperBound..<end.lowerBound].split(separator: "\n")
            .map(String.init).filter { $0.hasPrefix("| `") }
        let expected = ThemeRole.allCases.map(Self.row(for:))
        XCTAssertEqual(rows, expected, "expected table rows:\n" + expected.joined(separator: "\n"))
    }

    func testEveryThemeExampleInTheDocsLoads() throws {
        let text = try document()
        let blocks = text.components(separatedBy: "```theme\n").dropFirst()
            .compactMap { $0.components(separatedBy: "```").first }
        XCTAssertGreaterThanOrEqual(blocks.count, 2, "the docs should show a full and an inheriting example")
        let temp = try TemporaryDirectory()
        for block in blocks {
            let name = try ThemeParser.parseDocument(block, file: "Docs/THEMES.md").name
            try temp.write(block, to: name + ".theme")
            let catalog = ThemeCatalog(directories: [temp.path, RepositoryLayout.themesDirectory.path])
            XCTAssertNoThrow(try catalog.load(named: name), "example '\(name)' in Docs/THEMES.md")
        }
    }

    func testDocsNameEveryShippedTheme() throws {
        let text = try document()
        for file in try RepositoryLayout.shippedThemeFiles() {
            XCTAssertTrue(text.contains("`\(file.deletingPathExtension().lastPathComponent)`"),
                          "\(file.lastPathComponent) is not described")
        }
    }
}
