import C8Client
@testable import C8Console
import C8Core
import XCTest

/// The console's logic without a terminal or a connection: actions in,
/// state and requested effects out.
final class ReducerTests: XCTestCase {
    private func loadedState(width: Int = 100, height: Int = 30, readOnly: Bool = false) -> AppState {
        var state = AppState(endpoint: "memory", readOnly: readOnly, theme: BuiltinTheme.theme, size: (width, height))
        _ = Reducer.reduce(&state, .start)
        _ = Reducer.reduce(&state, .completed(.fabrics(.success([FabricInfo(name: "_system", isSystem: true), FabricInfo(name: "demo", isSystem: false)]))))
        _ = Reducer.reduce(&state, .completed(.collections(fabric: "_system", .success([
            CollectionInfo(name: "users", kind: .document, count: 240),
            CollectionInfo(name: "knows", kind: .edge, count: 720),
            CollectionInfo(name: "sessions", kind: .keyValue, count: 20),
            CollectionInfo(name: "_graphs", kind: .document, isSystem: true),
        ]))))
        return state
    }

    private func press(_ state: inout AppState, _ keys: KeyEvent...) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects += Reducer.reduce(&state, .input(.key(key))) }
        return effects
    }

    private func type(_ state: inout AppState, _ text: String) -> [Effect] {
        var effects: [Effect] = []
        for c in text { effects += Reducer.reduce(&state, .input(.key(c == "\n" ? KeyEvent(.enter) : .char(c)))) }
        return effects
    }

    func testStartLoadsFabricsCollectionsAndHistory() {
        var state = AppState(endpoint: "memory", readOnly: false, theme: BuiltinTheme.theme, size: (100, 30))
        let effects = Reducer.reduce(&state, .start)
        XCTAssertEqual(effects.map { "\($0)".prefix(15) }, ["loadFabrics", "loadCollections", "loadHistory(fab", "pollRegions(gen"])
        XCTAssertEqual(state.pending, 2)
    }

    func testSystemCollectionsAreHiddenAndOpeningLoadsAPage() {
        var state = loadedState()
        XCTAssertEqual(state.collections.map(\.name), ["users", "knows", "sessions"])
        XCTAssertEqual(state.focus, .collections)
        let effects = press(&state, KeyEvent(.enter))
        guard case .loadDocuments(_, let collection, nil, false, .replace)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(collection, "users")
        XCTAssertEqual(state.focus, .documents)
        XCTAssertEqual(state.documents.total, 240)
    }

    /// Enter before the first page arrives used to open a document view of
    /// `null` (the flaky first-start tmux test): nothing is selected yet.
    func testEnterWhileTheFirstPageLoadsOpensNothing() {
        var state = loadedState()
        _ = press(&state, KeyEvent(.enter))
        XCTAssertTrue(state.documents.loading)
        XCTAssertNil(state.documents.selectedDocument)
        XCTAssertEqual(press(&state, KeyEvent(.enter)).count, 0)
        guard case .list = state.documents.mode else { return XCTFail("opened \(state.documents.mode)") }
        // Once the page is in, Enter opens the selected document.
        let page = [JSON.object(["_key": "u0"]), JSON.object(["_key": "u1"])]
        _ = Reducer.reduce(&state, .completed(.documents(collection: "users", placement: .replace, descending: false, .success(page))))
        _ = press(&state, KeyEvent(.enter))
        guard case .view(let view) = state.documents.mode else { return XCTFail("not opened: \(state.documents.mode)") }
        XCTAssertEqual(view.value["_key"], "u0")
    }

    func testDocumentsPageInAsTheSelectionMoves() {
        var state = loadedState(height: 30)
        _ = press(&state, KeyEvent(.enter))
        let page = (0..<DocumentsState.pageSize).map { JSON.object(["_key": .string(String(format: "k%04d", $0))]) }
        _ = Reducer.reduce(&state, .completed(.documents(collection: "users", placement: .replace, descending: false, .success(page))))
        XCTAssertTrue(state.documents.hasMoreAfter)
        XCTAssertEqual(state.documents.rows.count, 100)
        var requested: Effect?
        for _ in 0..<100 {
            if let effect = press(&state, .char("j")).first { requested = effect; break }
        }
        guard case .loadDocuments(_, _, let after, false, .append)? = requested else { return XCTFail("no next page asked for") }
        XCTAssertEqual(after, "k0099")
        let next = (100..<200).map { JSON.object(["_key": .string(String(format: "k%04d", $0))]) }
        _ = Reducer.reduce(&state, .completed(.documents(collection: "users", placement: .append, descending: false, .success(next))))
        XCTAssertEqual(state.documents.rows.count, 200)
        // G jumps to the end of the collection: a descending page.
        guard case .loadDocuments(_, _, nil, true, .replace)? = press(&state, .char("G")).first else { return XCTFail("G should load the last page") }
    }

    func testWindowStaysBounded() {
        var state = loadedState()
        _ = press(&state, KeyEvent(.enter))
        for pageIndex in 0..<6 {
            let page = (0..<100).map { JSON.object(["_key": .string(String(format: "k%04d", pageIndex * 100 + $0))]) }
            _ = Reducer.reduce(&state, .completed(.documents(collection: "users", placement: pageIndex == 0 ? .replace : .append, descending: false, .success(page))))
        }
        XCTAssertLessThanOrEqual(state.documents.rows.count, DocumentsState.windowLimit)
        XCTAssertTrue(state.documents.hasMoreBefore)
    }

    func testQueryCommandReplacesTextAndRuns() {
        var state = loadedState()
        let effects = Reducer.reduce(&state, .command("query RETURN 6*7"))
        XCTAssertEqual(state.focus, .query)
        XCTAssertEqual(state.query.editor.text, "RETURN 6*7")
        XCTAssertEqual(state.query.editor.cursor, TextPosition(line: 0, column: 10), "the cursor goes to the end")
        guard case .runQuery(let request, "_system", _)? = effects.last else { return XCTFail("\(effects)") }
        XCTAssertEqual(request.query, "RETURN 6*7")
        XCTAssertFalse(request.readOnly)
        XCTAssertTrue(state.query.running)
        _ = Reducer.reduce(&state, .completed(.queryPage(.success(CursorPage(results: [42], hasMore: false, cursorId: nil, statistics: ["scannedFull": 0])), first: true, elapsed: 1.5, run: state.query.run)))
        XCTAssertFalse(state.query.running)
        XCTAssertEqual(state.query.results, [42])
        XCTAssertEqual(state.query.statsLine, "1 row · 1.5 ms · scanned 0 (0 by index)")
        XCTAssertEqual(state.query.history, ["RETURN 6*7"])
        // A failed run shows its error, not the figures of the run before.
        _ = Reducer.reduce(&state, .command("query RETURN"))
        _ = Reducer.reduce(&state, .completed(.queryPage(.failure(C8Error(.queryParse, "syntax error")), first: true, elapsed: 0, run: state.query.run)))
        XCTAssertNotNil(state.query.error)
        XCTAssertNil(state.query.statsLine)
    }

    func testAReadOnlyConsoleRunsQueriesReadOnly() {
        var state = loadedState()
        state.readOnly = true
        let effects = Reducer.reduce(&state, .command("query RETURN 1"))
        guard case .runQuery(let request, _, _)? = effects.last else { return XCTFail("\(effects)") }
        XCTAssertTrue(request.readOnly, "the connection refuses a write before it runs")
    }

    /// A line longer than 80 columns in a wider pane is not scrolled: the
    /// editor scrolls for the pane's width, not a default one.
    func testALongLineInAWidePaneIsNotScrolled() {
        var state = loadedState(width: 160, height: 45)
        state.focus = .query
        let line = "FOR v, e IN 1..2 OUTBOUND \"users/u1\" knows LIMIT 5 RETURN {v: v._key, e: e._key}"
        _ = type(&state, line)
        _ = press(&state, KeyEvent(.home), KeyEvent(.end))
        XCTAssertEqual(state.query.editor.cursor.column, line.count)
        XCTAssertEqual(state.query.editor.scrollColumn, 0, "84 columns fit the pane's ~120")
        // Narrower than the line, it follows the caret.
        state.size = (60, 30)
        _ = press(&state, KeyEvent(.end))
        XCTAssertGreaterThan(state.query.editor.scrollColumn, 0)
    }

    func testEditorTakesPrintableKeysAndF5Runs() {
        var state = loadedState()
        state.focus = .query
        _ = type(&state, "RETURN 1 q")
        XCTAssertEqual(state.query.editor.text, "RETURN 1 q", "q types in the editor instead of quitting")
        XCTAssertFalse(state.quit)
        let effects = press(&state, KeyEvent(.function(5)))
        XCTAssertTrue(effects.contains { if case .runQuery = $0 { return true } else { return false } })
        XCTAssertTrue(press(&state, KeyEvent(.escape)).contains { if case .cancelQuery = $0 { return true } else { return false } })
    }

    func testHistoryOnTheFirstLine() {
        var state = loadedState()
        state.focus = .query
        state.query.history = ["RETURN 1", "RETURN 2"]
        _ = press(&state, KeyEvent(.up))
        XCTAssertEqual(state.query.editor.text, "RETURN 2")
        _ = press(&state, KeyEvent(.up))
        XCTAssertEqual(state.query.editor.text, "RETURN 1")
        _ = press(&state, KeyEvent(.down))
        XCTAssertEqual(state.query.editor.text, "RETURN 2")
        _ = press(&state, KeyEvent(.down))
        XCTAssertEqual(state.query.editor.text, "")
    }

    func testFilterNarrowsInPlaceAndEscClears() {
        var state = loadedState()
        _ = press(&state, .char("/"))
        _ = type(&state, "se")
        XCTAssertEqual(state.collectionList.visibleItems.map(\.info.name), ["users", "sessions"])
        _ = press(&state, KeyEvent(.enter))
        XCTAssertNil(state.filterEditing)
        XCTAssertEqual(state.collectionList.visibleItems.count, 2, "enter keeps the filter")
        _ = press(&state, KeyEvent(.escape))
        XCTAssertEqual(state.collectionList.visibleItems.count, 3)
    }

    func testReadOnlyRefusesChanges() {
        var state = loadedState(readOnly: true)
        XCTAssertTrue(press(&state, .char("D")).isEmpty)
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.message?.isError, true)
        XCTAssertTrue(state.message?.text.contains("read-only") == true)
    }

    func testDropNeedsTheNameTyped() {
        var state = loadedState()
        _ = press(&state, .char("D"))
        guard case .confirm = state.overlay else { return XCTFail("a confirmation should open") }
        _ = type(&state, "user")
        XCTAssertTrue(press(&state, KeyEvent(.enter)).isEmpty, "a wrong name drops nothing")
        _ = type(&state, "s")
        let effects = press(&state, KeyEvent(.enter))
        guard case .dropCollection("users", "_system")? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertNil(state.overlay)
    }

    func testInvalidJSONKeepsTheEditBufferAndNamesThePlace() {
        var state = loadedState()
        _ = press(&state, KeyEvent(.enter))
        _ = Reducer.reduce(&state, .completed(.documents(collection: "users", placement: .replace, descending: false, .success([["_key": "a", "_rev": "r1", "x": 1]]))))
        _ = press(&state, .char("e"))
        guard case .edit(var editor, "a", "r1") = state.documents.mode else { return XCTFail("\(state.documents.mode)") }
        XCTAssertEqual(editor.text, "{\n  \"_key\": \"a\",\n  \"x\": 1\n}")
        editor.text = "{\n  \"x\": ,\n}"
        state.documents.mode = .edit(editor, key: "a", rev: "r1")
        XCTAssertTrue(press(&state, .ctrl("s")).isEmpty, "nothing is written")
        XCTAssertTrue(state.message?.text.contains("line 2, column 8") == true, state.message?.text ?? "")
        guard case .edit(let kept, _, _) = state.documents.mode else { return XCTFail("the editor closed") }
        XCTAssertEqual(kept.text, "{\n  \"x\": ,\n}")
        var fixed = kept
        fixed.text = "{\"x\": 2}"
        state.documents.mode = .edit(fixed, key: "a", rev: "r1")
        guard case .replaceDocument("users", "a", let document, "r1", "_system")? = press(&state, .ctrl("s")).first else { return XCTFail("save should replace") }
        XCTAssertEqual(document, ["x": 2])
    }

    func testCtrlCAlwaysQuitsEvenInOverlaysAndTooSmall() {
        var state = loadedState()
        _ = press(&state, .char("?"))
        _ = press(&state, .ctrl("c"))
        XCTAssertTrue(state.quit)
        var small = loadedState(width: 40, height: 10)
        XCTAssertTrue(small.isTooSmall)
        _ = press(&small, .char("j"))
        XCTAssertFalse(small.quit)
        _ = press(&small, .char("q"))
        XCTAssertTrue(small.quit)
    }

    func testCommandLineCompletion() {
        var state = loadedState()
        _ = press(&state, .char(":"))
        _ = type(&state, "fab")
        _ = press(&state, KeyEvent(.tab))
        guard case .commandLine(var line) = state.overlay else { return XCTFail() }
        XCTAssertEqual(line.completions, ["fabrics", "fabric "])
        line = CommandLineState(text: "fabric d")
        state.overlay = .commandLine(line)
        _ = press(&state, KeyEvent(.tab))
        guard case .commandLine(let completed) = state.overlay else { return XCTFail() }
        XCTAssertEqual(completed.text, "fabric demo")
        let effects = press(&state, KeyEvent(.enter))
        XCTAssertEqual(state.fabric, "demo")
        XCTAssertTrue(effects.contains { if case .loadCollections("demo") = $0 { return true } else { return false } })
    }

    func testUnknownCommandAndKeyOverrides() {
        var state = loadedState()
        _ = Reducer.reduce(&state, .command("nope"))
        XCTAssertEqual(state.message, .error("unknown command :nope — :help lists them"))
        let (registry, problems) = ActionRegistry.standard.overriding(["run": ["ctrl+g"], "bogus": ["x"], "quit": ["hyper+q"]])
        XCTAssertEqual(registry.definition(.runQuery).keys, [.ctrl("g")])
        XCTAssertEqual(problems.sorted(), ["unknown action 'bogus' in [keys]", "unknown key 'hyper+q' for quit"])
    }

    func testMouseFocusesAndSelects() {
        var state = loadedState(width: 100, height: 30)
        let layout = Layout(width: 100, height: 30)
        _ = Reducer.reduce(&state, .input(.mouse(MouseEvent(.press, x: layout.collections.x + 3, y: layout.collections.y + 3))))
        XCTAssertEqual(state.focus, .collections)
        XCTAssertEqual(state.selectedCollection?.name, "sessions")
        _ = Reducer.reduce(&state, .input(.mouse(MouseEvent(.press, x: layout.query.x + 5, y: layout.query.y + 2))))
        XCTAssertEqual(state.focus, .query)
    }

    func testEveryActionHasANameKeysAndHelp() {
        for definition in ActionRegistry.standard.definitions {
            XCTAssertFalse(definition.name.isEmpty)
            XCTAssertFalse(definition.help.isEmpty, definition.name)
            XCTAssertFalse(definition.keys.isEmpty, "\(definition.name) has no key")
        }
        XCTAssertEqual(Set(ActionRegistry.standard.definitions.map(\.id)).count, ActionID.allCases.count, "every action is registered once")
    }
}

final class QueryEditorCompletionTests: XCTestCase {
    func testTabCompletesWordsAndOtherwiseIndents() {
        var state = AppState(endpoint: "memory", readOnly: false, theme: BuiltinTheme.theme, size: (100, 30))
        _ = Reducer.reduce(&state, .completed(.collections(fabric: "_system", .success([CollectionInfo(name: "users", kind: .document)]))))
        state.focus = .query
        for c in "FOR u IN us" { _ = Reducer.reduce(&state, .input(.key(.char(c)))) }
        _ = Reducer.reduce(&state, .input(.key(KeyEvent(.tab))))
        XCTAssertEqual(state.query.editor.text, "FOR u IN users", "a single candidate completes at once")
        for c in " RETURN LEN" { _ = Reducer.reduce(&state, .input(.key(.char(c)))) }
        _ = Reducer.reduce(&state, .input(.key(KeyEvent(.tab))))
        XCTAssertTrue(state.query.editor.text.hasSuffix("LENGTH("), state.query.editor.text)
        _ = Reducer.reduce(&state, .input(.key(.char(" "))))
        _ = Reducer.reduce(&state, .input(.key(KeyEvent(.tab))))
        XCTAssertEqual(state.focus, .query, "tab never leaves the editor")
        XCTAssertTrue(state.query.editor.text.hasSuffix("LENGTH(   "), "tab after a space indents: \(state.query.editor.text)")
    }

    func testCreateCollectionPromptTakesKeyOptionsAndShardKeys() {
        var state = AppState(endpoint: "memory", readOnly: false, theme: BuiltinTheme.theme, size: (100, 30))
        state.focus = .collections
        _ = Reducer.reduce(&state, .input(.key(.char("n"))))
        for c in "orders keys=uuid shardKeys=country,city" { _ = Reducer.reduce(&state, .input(.key(.char(c)))) }
        let effects = Reducer.reduce(&state, .input(.key(KeyEvent(.enter))))
        guard case .createCollection("orders", let options, "_system")? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(options["keyOptions"]["type"], "uuid")
        XCTAssertEqual(options["shardKeys"], ["country", "city"])
    }
}
