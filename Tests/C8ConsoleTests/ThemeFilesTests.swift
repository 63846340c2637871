import Foundation
import XCTest
@testable import C8Console

/// The files in `Themes/` are what users see first; they must all parse,
/// spell out every role, and keep their promises (monochrome has no colour).
final class ThemeFilesTests: XCTestCase {
    private func shippedDocuments() throws -> [(file: URL, document: ThemeDocument)] {
        try RepositoryLayout.shippedThemeFiles().map { file in
            let text = try String(contentsOf: file, encoding: .utf8)
            return (file, try ThemeParser.parseDocument(text, file: file.path))
        }
    }

    private func shippedTheme(_ name: String) throws -> Theme {
        try ThemeCatalog(directories: [RepositoryLayout.themesDirectory.path]).load(named: name)
    }

    func testTheFourThemesAreShipped() throws {
        let names = try RepositoryLayout.shippedThemeFiles().map { $0.deletingPathExtension().lastPathComponent }
        XCTAssertEqual(names, ["default", "high-contrast", "light", "monochrome"])
    }

    func testEveryShippedThemeSetsEveryRoleExplicitly() throws {
        for (file, document) in try shippedDocuments() {
            let missing = ThemeRole.allCases.filter { document.styles[$0] == nil }.map(\.rawValue)
            XCTAssertEqual(missing, [], "\(file.lastPathComponent) leaves roles to their fallback")
            XCTAssertNil(document.inherits, "\(file.lastPathComponent) should stand alone")
            XCTAssertFalse(document.description.isEmpty, "\(file.lastPathComponent) has no description")
        }
    }

    func testEveryShippedThemeIsNamedAfterItsFile() throws {
        for (file, document) in try shippedDocuments() {
            XCTAssertEqual(document.name, file.deletingPathExtension().lastPathComponent)
        }
    }

    func testMonochromeUsesNoColourAtAll() throws {
        let theme = try shippedTheme("monochrome")
        for role in ThemeRole.allCases {
            XCTAssertEqual(theme.style(for: role).foreground, .default, role.rawValue)
            XCTAssertEqual(theme.style(for: role).background, .default, role.rawValue)
        }
        XCTAssertEqual(theme.adapted(to: .monochrome), theme, "monochrome needs no adapting")
    }

    func testMonochromeCarriesMeaningWithAttributesVT100Has() throws {
        let theme = try shippedTheme("monochrome")
        let vt100: TextAttributes = [.bold, .underline, .reverse]
        for role in ThemeRole.allCases where role.mustStandOut {
            let visible = theme.style(for: role).attributes.intersection(vt100)
            XCTAssertFalse(visible.isEmpty, "\(role.rawValue) relies on dim or italic only")
        }
    }

    func testHighContrastUsesOnlyNamedColoursAndNoDim() throws {
        let theme = try shippedTheme("high-contrast")
        for role in ThemeRole.allCases {
            let style = theme.style(for: role)
            for color in [style.foreground, style.background] {
                if case .palette256 = color { XCTFail("\(role.rawValue) uses \(color)") }
            }
            XCTAssertFalse(style.attributes.contains(.dim), "\(role.rawValue) is dim")
        }
    }

    func testLightThemePaintsItsOwnBackground() throws {
        let theme = try shippedTheme("light")
        XCTAssertEqual(theme.style(for: .background).background, .palette256(231))
        XCTAssertEqual(theme.style(for: .jsonKey).background, .palette256(231),
                       "roles without 'on' must sit on the painted canvas")
    }

    func testSelectionStaysVisibleInEveryThemeAtEveryDepth() throws {
        for (_, document) in try shippedDocuments() {
            let theme = Theme(resolving: document)
            for depth in ColorDepth.allCases {
                let adapted = theme.adapted(to: depth)
                let text = adapted.style(for: .text)
                for role in ThemeRole.allCases where role.mustStandOut {
                    let style = adapted.style(for: role)
                    XCTAssertNotEqual(style, text, "\(theme.name) at \(depth): \(role.rawValue) looks like text")
                    if style.background != .default {
                        XCTAssertNotEqual(style.foreground, style.background,
                                          "\(theme.name) at \(depth): \(role.rawValue) is invisible")
                    }
                }
            }
        }
    }
}
