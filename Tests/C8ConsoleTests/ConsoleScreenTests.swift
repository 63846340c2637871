import C8Client
@testable import C8Console
import C8Core
import XCTest

/// Golden screens of the whole console, and the real loop over an embedded
/// engine with the in-memory terminal.
final class ConsoleScreenTests: XCTestCase {
    /// A state with fixed data: no connection, no clock, so it renders the same every time.
    private func sampleState(width: Int, height: Int) -> AppState {
        var state = AppState(endpoint: "/data/c8", readOnly: false, theme: BuiltinTheme.theme, size: (width, height), region: "us-east")
        _ = Reducer.reduce(&state, .start)
        _ = Reducer.reduce(&state, .completed(.fabrics(.success([FabricInfo(name: "_system", isSystem: true), FabricInfo(name: "demo", isSystem: false, regions: ["us-east", "eu-west"])]))))
        _ = Reducer.reduce(&state, .completed(.collections(fabric: "_system", .success([
            CollectionInfo(name: "cities", kind: .document, count: 12),
            CollectionInfo(name: "knows", kind: .edge, count: 720),
            CollectionInfo(name: "sessions", kind: .keyValue, count: 20),
            CollectionInfo(name: "users", kind: .document, count: 240, isSpot: true),
        ]))))
        _ = Reducer.reduce(&state, .completed(.history(fabric: "_system", [])))
        _ = Reducer.reduce(&state, .input(.key(.char("G"))))
        _ = Reducer.reduce(&state, .input(.key(KeyEvent(.enter))))
        let documents: [JSON] = (0..<30).map { i in
            ["_key": .string("u\(i)"), "_id": .string("users/u\(i)"), "_rev": "r", "name": .string(["Ada", "Grace", "東京 Yūki"][i % 3]), "age": .int(Int64(20 + i))]
        }
        _ = Reducer.reduce(&state, .completed(.documents(collection: "users", placement: .replace, descending: false, .success(documents))))
        _ = Reducer.reduce(&state, .command("query FOR u IN users LIMIT 3 RETURN {name: u.name, age: u.age}"))
        _ = Reducer.reduce(&state, .completed(.queryPage(.success(CursorPage(
            results: [["name": "Ada", "age": 20], ["name": "Grace", "age": 21], ["name": "東京 Yūki", "age": 22]],
            hasMore: false, cursorId: nil, statistics: ["scannedFull": 3, "scannedIndex": 0])), first: true, elapsed: 2.0, run: state.query.run)))
        state.pending = 0
        return state
    }

    func testMainScreenAt80x24() {
        assertSnapshot(Renderer.render(sampleState(width: 80, height: 24)), named: "console-80x24")
    }

    func testMainScreenAt120x40() {
        assertSnapshot(Renderer.render(sampleState(width: 120, height: 40)), named: "console-120x40")
    }

    func testTooSmall() {
        let screen = Renderer.render(sampleState(width: 50, height: 12))
        XCTAssertTrue(screen.text.contains("Terminal too small"))
        XCTAssertTrue(screen.text.contains("q or ctrl+c quits"))
        assertSnapshot(screen, named: "console-too-small")
    }

    func testHelpOverlay() {
        var state = sampleState(width: 100, height: 32)
        _ = Reducer.reduce(&state, .input(.key(.ctrl("c"))))
        state.quit = false
        state.overlay = .help(scroll: 0)
        let screen = Renderer.render(state)
        XCTAssertTrue(screen.text.contains(" Help "))
        XCTAssertTrue(screen.text.contains("Quit c8"), screen.text)
        state.overlay = .help(scroll: 200)
        XCTAssertTrue(Renderer.render(state).text.contains(":query [TEXT]"), "scrolling reaches the commands at the end")
        assertSnapshot(screen, named: "console-help")
    }

    func testPaneTitlesAreOnTheFirstScreen() {
        let text = Renderer.render(sampleState(width: 80, height: 24)).text
        for title in ["Fabrics", "Collections", "Documents", "Query"] { XCTAssertTrue(text.contains(title), title) }
    }

    func testMonochromeKeepsTheSelectionVisible() {
        var state = sampleState(width: 80, height: 24)
        state.theme = state.theme.adapted(to: .monochrome)
        let screen = Renderer.render(state)
        let selectedRow = (0..<24).first { y in screen.text(row: y).contains(" u0 ") }!
        let x = screen.text(row: selectedRow).range(of: "u0")!.lowerBound.utf16Offset(in: screen.text(row: selectedRow))
        XCTAssertTrue(screen[x, selectedRow].style.attributes.contains(.reverse) || screen[x, selectedRow].style.attributes.contains(.bold))
    }

    /// The real loop on an in-memory engine: demo data, open a document, run a query.
    func testConsoleLoopOverAnEmbeddedEngine() async throws {
        let connection = try EmbeddedConnection.inMemory()
        defer { connection.close() }
        _ = try await DemoData.seedIfEmpty(connection)
        let terminal = MemoryTerminal(width: 100, height: 30)
        let state = AppState(endpoint: connection.endpoint, readOnly: false, theme: BuiltinTheme.theme, size: (100, 30))
        let app = ConsoleApp(state: state, terminal: terminal, runner: EffectRunner(connection: connection, historyDirectory: nil, themes: ThemeCatalog(directories: [])))
        app.dispatch(.start)
        app.settle()
        app.step(timeout: 0)
        XCTAssertTrue(terminal.screen?.text.contains("users") == true, terminal.screen?.text ?? "")
        terminal.send(.key(.char("G")), .key(KeyEvent(.enter)))
        app.step(timeout: 0)
        app.step(timeout: 0)
        app.settle()
        app.step(timeout: 0)
        XCTAssertTrue(terminal.screen?.text.contains("Documents: users (240)") == true, terminal.screen?.text ?? "")
        terminal.send(.key(KeyEvent(.enter)))
        app.step(timeout: 0)
        XCTAssertTrue(terminal.screen?.text.contains("\"_id\": \"users/u0\"") == true, terminal.screen?.text ?? "")
        app.dispatch(.command("query FOR u IN users FILTER u._key == 'u7' RETURN u.email"))
        app.settle()
        app.step(timeout: 0)
        XCTAssertEqual(app.state.query.results.count, 1)
        XCTAssertTrue(terminal.screen?.text.contains("@example.com") == true, terminal.screen?.text ?? "")
        app.dispatch(.command("q"))
        XCTAssertTrue(app.state.quit)
    }

    /// The console never imports the engine: it reaches data only through C8Connection.
    func testConsoleSourcesDoNotImportTheEngine() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/C8Console")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        XCTAssertGreaterThan(files.count, 20)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for forbidden in ["import C8Engine", "import C8Storage", "import C8Query", "import CNCurses"] {
                XCTAssertFalse(text.contains(forbidden), "\(file.lastPathComponent) has \(forbidden)")
            }
        }
    }
}
