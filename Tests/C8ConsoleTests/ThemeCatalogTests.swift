import Foundation
import XCTest
@testable import C8Console

final class ThemeCatalogTests: XCTestCase {
    private var temp: TemporaryDirectory!

    override func setUpWithError() throws {
        temp = try TemporaryDirectory()
    }

    override func tearDown() {
        temp = nil
    }

    // MARK: - Search path

    func testSearchPathIsUserThenRepositoryThenSystem() throws {
        try temp.write("name = default\n", to: "repo/Themes/default.theme")
        let directories = ThemeSearchPath.directories(
            environment: ["XDG_CONFIG_HOME": temp.path + "/config", "HOME": "/home/nobody"],
            executablePath: temp.path + "/repo/.build/debug/c8")
        XCTAssertEqual(directories, [
            temp.path + "/config/c8/themes",
            temp.url.appendingPathComponent("repo/Themes").resolvingSymlinksInPath().path,
            "/usr/share/c8/themes",
        ])
    }

    func testUserDirectoryFallsBackToHomeAndIgnoresRelativeXDG() {
        XCTAssertEqual(ThemeSearchPath.userDirectory(environment: ["HOME": "/home/ann"]),
                       "/home/ann/.config/c8/themes")
        XCTAssertEqual(ThemeSearchPath.userDirectory(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/home/ann"]),
                       "/home/ann/.config/c8/themes")
        XCTAssertNil(ThemeSearchPath.userDirectory(environment: [:]))
    }

    func testRepositoryNeedsAThemesDirectoryWithTheDefaultTheme() throws {
        try temp.makeDirectory("repo/Themes")
        XCTAssertNil(ThemeSearchPath.repositoryDirectory(above: temp.path + "/repo/.build/debug/c8"))
        try temp.write("name = default\n", to: "repo/Themes/default.theme")
        XCTAssertEqual(ThemeSearchPath.repositoryDirectory(above: temp.path + "/repo/.build/debug/c8"),
                       temp.url.appendingPathComponent("repo/Themes").resolvingSymlinksInPath().path)
    }

    func testRepositoryIsFoundThroughASymlinkedExecutable() throws {
        try temp.write("name = default\n", to: "repo/Themes/default.theme")
        try temp.write("", to: "repo/.build/release/c8")
        try temp.makeDirectory("bin")
        try FileManager.default.createSymbolicLink(atPath: temp.path + "/bin/c8",
                                                   withDestinationPath: temp.path + "/repo/.build/release/c8")
        XCTAssertEqual(ThemeSearchPath.repositoryDirectory(above: temp.path + "/bin/c8"),
                       temp.url.appendingPathComponent("repo/Themes").resolvingSymlinksInPath().path)
    }

    func testTheTestBinaryFindsThisRepositorysThemes() throws {
        let catalog = ThemeCatalog.standard(environment: [:])
        XCTAssertTrue(catalog.directories.contains(RepositoryLayout.themesDirectory.resolvingSymlinksInPath().path),
                      "\(catalog.directories)")
    }

    // MARK: - Listing and loading

    func testEarlierDirectoriesShadowLaterOnes() throws {
        let user = try temp.makeDirectory("user")
        let shipped = try temp.makeDirectory("shipped")
        try temp.write("name = ocean\ntext = blue\n", to: "user/ocean.theme")
        try temp.write("name = ocean\ntext = red\n", to: "shipped/ocean.theme")
        try temp.write("name = forest\ntext = green\n", to: "shipped/forest.theme")
        let catalog = ThemeCatalog(directories: [user, shipped])

        XCTAssertEqual(try catalog.load(named: "ocean").style(for: .text).foreground, .ansi16(.blue))
        XCTAssertEqual(try catalog.load(named: "forest").style(for: .text).foreground, .ansi16(.green))
        XCTAssertEqual(catalog.availableThemes(), [
            ThemeListing(name: "default", source: .builtin),
            ThemeListing(name: "forest", source: .file(shipped + "/forest.theme")),
            ThemeListing(name: "high-contrast", source: .builtin),
            ThemeListing(name: "light", source: .builtin),
            ThemeListing(name: "monochrome", source: .builtin),
            ThemeListing(name: "ocean", source: .file(user + "/ocean.theme")),
        ])
    }

    func testListingSkipsOtherFilesAndMissingDirectories() throws {
        let directory = try temp.makeDirectory("themes")
        try temp.write("name = x\n", to: "themes/notes.txt")
        try temp.write("name = x\n", to: "themes/bad name.theme")
        try temp.write("name = default\n", to: "themes/default.theme")
        let catalog = ThemeCatalog(directories: [temp.path + "/missing", directory])
        XCTAssertEqual(catalog.availableThemes(), [
            ThemeListing(name: "default", source: .file(directory + "/default.theme")),
            ThemeListing(name: "high-contrast", source: .builtin),
            ThemeListing(name: "light", source: .builtin),
            ThemeListing(name: "monochrome", source: .builtin),
        ])
    }

    func testDefaultIsBuiltInWhenNoDirectoryHasIt() throws {
        let catalog = ThemeCatalog(directories: [temp.path + "/nowhere"])
        XCTAssertEqual(try catalog.load(named: "default"), BuiltinTheme.theme)
    }

    func testUnknownThemeListsWhereItLooked() throws {
        let catalog = ThemeCatalog(directories: ["/a", "/b"])
        XCTAssertThrowsError(try catalog.load(named: "nope")) { error in
            XCTAssertEqual(error as? ThemeError,
                           ThemeError(file: "nope.theme", line: nil, problem: .notFound(name: "nope", searched: ["/a", "/b"])))
        }
    }

    func testLoadRejectsPathsAsNames() {
        let catalog = ThemeCatalog(directories: [temp.path])
        XCTAssertThrowsError(try catalog.load(named: "../secret")) { error in
            XCTAssertEqual((error as? ThemeError)?.problem, .badName("../secret"))
        }
    }

    func testFileNameAndNameLineMustAgree() throws {
        let path = try temp.write("# copied\nname = default\n", to: "mine.theme")
        XCTAssertThrowsError(try ThemeCatalog(directories: [temp.path]).load(named: "mine")) { error in
            XCTAssertEqual(error as? ThemeError, ThemeError(
                file: path, line: 2, problem: .nameMismatch(name: "default", fileName: "mine.theme")))
        }
    }

    func testParseErrorsCarryTheFilePath() throws {
        let path = try temp.write("name = broken\n\ntext = red blink\n", to: "broken.theme")
        XCTAssertThrowsError(try ThemeCatalog(directories: [temp.path]).load(named: "broken")) { error in
            XCTAssertEqual(error as? ThemeError, ThemeError(file: path, line: 3, problem: .badAttribute("blink")))
        }
    }

    func testNonUTF8FileIsReportedNotCrashed() throws {
        let path = temp.path + "/latin1.theme"
        try Data([0x6e, 0x61, 0x6d, 0x65, 0x3d, 0xe9, 0xff, 0x0a]).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try ThemeCatalog(directories: [temp.path]).load(named: "latin1")) { error in
            XCTAssertEqual(error as? ThemeError, ThemeError(file: path, line: nil, problem: .unreadable("not UTF-8 text")))
        }
    }

    func testLoadOrDefaultFallsBackToTheBuiltInAndReportsWhy() {
        let (theme, error) = ThemeCatalog(directories: []).loadOrDefault(named: "missing")
        XCTAssertEqual(theme, BuiltinTheme.theme)
        XCTAssertEqual(error?.problem, .notFound(name: "missing", searched: []))
        XCTAssertNil(ThemeCatalog(directories: []).loadOrDefault(named: "default").error)
    }

    // MARK: - Inheritance

    func testChildOverridesParentAndRecoloursWhatItInherits() throws {
        try temp.write("name = base\ntext = color250 on color235\nerror = red bold\nwarning = bold\n", to: "base.theme")
        try temp.write("name = child\ninherits = base\ntext = color16 on color231\nerror = blue\n", to: "child.theme")
        let theme = try ThemeCatalog(directories: [temp.path]).load(named: "child")
        XCTAssertEqual(theme.style(for: .error), Style(foreground: .ansi16(.blue), background: .palette256(231)))
        XCTAssertEqual(theme.style(for: .warning),
                       Style(foreground: .palette256(16), background: .palette256(231), attributes: .bold),
                       "an inherited role without colours takes the child's text colours")
    }

    func testInheritingTheSameNameMeansTheNextOneDownThePath() throws {
        let user = try temp.makeDirectory("user")
        try temp.write("name = default\ninherits = default\nerror = blue\n", to: "user/default.theme")
        let theme = try ThemeCatalog(directories: [user]).load(named: "default")
        XCTAssertEqual(theme.style(for: .error).foreground, .ansi16(.blue))
        XCTAssertEqual(theme.style(for: .listSelected), BuiltinTheme.theme.style(for: .listSelected),
                       "the rest comes from the built-in default")
    }

    func testInheritanceCycleIsReportedAtTheLineThatClosesIt() throws {
        try temp.write("name = a\ninherits = b\n", to: "a.theme")
        let bPath = try temp.write("name = b\n\ninherits = a\n", to: "b.theme")
        XCTAssertThrowsError(try ThemeCatalog(directories: [temp.path]).load(named: "a")) { error in
            XCTAssertEqual(error as? ThemeError,
                           ThemeError(file: bPath, line: 3, problem: .inheritanceCycle(["a", "b", "a"])))
        }
    }

    func testMissingParentPointsAtTheInheritsLine() throws {
        let path = try temp.write("name = orphan\n# parent\ninherits = ghost\n", to: "orphan.theme")
        XCTAssertThrowsError(try ThemeCatalog(directories: [temp.path]).load(named: "orphan")) { error in
            XCTAssertEqual(error as? ThemeError,
                           ThemeError(file: path, line: 3, problem: .notFound(name: "ghost", searched: [self.temp.path])))
        }
    }
}
