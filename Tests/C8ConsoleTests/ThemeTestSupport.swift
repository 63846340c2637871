import Foundation
import XCTest
@testable import C8Console

/// Paths inside the repository, found from this file's location so tests
/// work from any working directory.
enum RepositoryLayout {
    /// The repository root: this file is `Tests/C8ConsoleTests/<name>.swift`.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let themesDirectory = root.appendingPathComponent("Themes")
    static let themesDocument = root.appendingPathComponent("Docs/THEMES.md")
    static let builtinThemeSource = root.appendingPathComponent("Sources/C8Console/Theme/BuiltinTheme.swift")

    /// The theme files shipped in `Themes/`, sorted by name.
    static func shippedThemeFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: themesDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == ThemeCatalog.fileExtension }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}

/// A directory under the system temp dir, removed when the object goes away.
final class TemporaryDirectory {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("c8-theme-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `relativePath`, creating parent directories, and
    /// returns the file's path.
    @discardableResult
    func write(_ text: String, to relativePath: String) throws -> String {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    /// Creates `relativePath` as a directory and returns its path.
    @discardableResult
    func makeDirectory(_ relativePath: String) throws -> String {
        let directory = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.path
    }
}

/// Asserts that parsing `text` fails with exactly `problem` on `line`.
func XCTAssertThemeError(_ text: String, line: Int?, _ problem: ThemeError.Problem,
                         file: StaticString = #filePath, testLine: UInt = #line) {
    do {
        let theme = try ThemeParser.parse(text, file: "test.theme")
        XCTFail("expected \(problem) on line \(line.map(String.init) ?? "-"), parsed \(theme.name)",
                file: file, line: testLine)
    } catch {
        XCTAssertEqual(error, ThemeError(file: "test.theme", line: line, problem: problem),
                       file: file, line: testLine)
    }
}

/// A minimal valid theme text with extra lines appended.
func themeText(name: String = "t", _ lines: String...) -> String {
    (["name = \(name)"] + lines).joined(separator: "\n") + "\n"
}
