import C8Client
@testable import C8Console
import C8Core
import XCTest

/// The Query pane as a user drives it: keys in, state, requests and the
/// drawn pane out.
final class QueryPaneTests: XCTestCase {
    private func queryState(width: Int = 100, height: Int = 30) -> AppState {
        var state = AppState(endpoint: "memory", readOnly: false, theme: BuiltinTheme.theme, size: (width, height))
        _ = Reducer.reduce(&state, .completed(.collections(fabric: "_system", .success([CollectionInfo(name: "users", kind: .document)]))))
        state.focus = .query
        return state
    }

    @discardableResult
    private func press(_ state: inout AppState, _ keys: KeyEvent...) -> [Effect] {
        keys.flatMap { Reducer.reduce(&state, .input(.key($0))) }
    }

    @discardableResult
    private func type(_ state: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { Reducer.reduce(&state, .input(.key($0 == "\n" ? KeyEvent(.enter) : .char($0)))) }
    }

    private func run(_ state: inout AppState, _ text: String) -> QueryRequest? {
        state.query.editor.text = text
        guard case .runQuery(let request, _, _)? = press(&state, KeyEvent(.function(5))).last else { return nil }
        return request
    }

    private func succeed(_ state: inout AppState, _ rows: [JSON]) {
        _ = Reducer.reduce(&state, .completed(.queryPage(.success(CursorPage(results: rows, hasMore: false, cursorId: nil, statistics: [:])),
                                                         first: true, elapsed: 1, run: state.query.run)))
    }

    private func fail(_ state: inout AppState, _ message: String = "syntax error, unexpected end of query") {
        _ = Reducer.reduce(&state, .completed(.queryPage(.failure(C8Error(.queryParse, message)), first: true, elapsed: 0, run: state.query.run)))
    }

    private func screen(_ state: AppState) -> String { Renderer.render(state).text }

    // MARK: - Tab

    /// The tester's repro: tab with nothing to complete moved focus to
    /// Fabrics, and the next enter and `n` became pane commands.
    func testTabWithNothingToCompleteIndentsAndKeepsTheEditor() {
        var state = queryState()
        type(&state, "FOR u IN users\n  FILTER u.ad")
        press(&state, KeyEvent(.tab))
        XCTAssertEqual(state.focus, .query)
        XCTAssertEqual(state.query.editor.lines[1], "  FILTER u.ad ", "to the next tab stop (column 14)")
        press(&state, KeyEvent(.tab))
        XCTAssertEqual(state.query.editor.lines[1], "  FILTER u.ad   ")
        type(&state, "\nn")
        XCTAssertEqual(state.focus, .query)
        XCTAssertNil(state.overlay, "n typed text, it did not open a dialog")
        XCTAssertEqual(state.query.editor.lines.last, "  n")
    }

    func testTheBindVariablesStartEmptySoWhatIsTypedIsTheObject() {
        var state = queryState()
        _ = press(&state, KeyEvent(.function(4)))
        for c in #"{"n": 3}"# { _ = press(&state, .char(c)) }
        _ = press(&state, KeyEvent(.escape))
        XCTAssertFalse(state.query.editingBindVariables, "valid JSON closes the pane")
        XCTAssertEqual(state.query.bindSummary, #"{"n":3}"#)
        XCTAssertTrue(Renderer.render(state).text.contains(#"Query — bind {"n":3}"#))
    }

    func testTabIndentsTheBindVariablesAndShiftTabLeavesTheEditor() {
        var state = queryState()
        press(&state, KeyEvent(.function(4)), KeyEvent(.tab))
        XCTAssertTrue(state.query.editingBindVariables)
        XCTAssertEqual(state.query.bindEditor.text, "  ")
        XCTAssertEqual(state.focus, .query)
        press(&state, KeyEvent(.function(4)))
        press(&state, KeyEvent(.backTab))
        XCTAssertEqual(state.focus, .documents, "shift+tab is the way out")
    }

    func testTheHintLineSaysTabCompletesInTheEditor() {
        let state = queryState()
        let hints = Renderer.render(state).text(row: state.size.height - 1)
        XCTAssertTrue(hints.contains("tab complete"), hints)
        XCTAssertTrue(hints.contains("shift+tab previous-pane"), hints)
        XCTAssertFalse(hints.contains("next-pane"), hints)
    }

    // MARK: - History

    /// A recalled shorter query kept the long one's horizontal scroll and
    /// showed `LTER u.age > RETURN u`.
    func testRecallingHistoryShowsTheStartOfTheQuery() {
        var state = queryState(width: 60, height: 30)
        state.query.history = ["FOR u IN users RETURN u"]
        type(&state, "FOR u IN users FILTER u.age > 30 SORT u.name LIMIT 10 RETURN u.name")
        XCTAssertGreaterThan(state.query.editor.scrollColumn, 0)
        press(&state, KeyEvent(.up))
        XCTAssertEqual(state.query.editor.text, "FOR u IN users RETURN u")
        XCTAssertEqual(state.query.editor.scrollColumn, 0)
        XCTAssertTrue(screen(state).contains("1 FOR u IN users RETURN u"), screen(state))
    }

    // MARK: - Saved queries

    func testRunningASavedQueryReplacesAnEarlierError() {
        var state = queryState()
        _ = run(&state, "FOR u IN")
        fail(&state)
        XCTAssertTrue(screen(state).contains("[1501]"))
        _ = Reducer.reduce(&state, .completed(.savedQueries(.success([["name": "friendsOf", "value": "FOR v IN 1 OUTBOUND @u knows RETURN v"]]))))
        let effects = press(&state, .char("r"))
        guard case .runSavedQuery("friendsOf", _, _)? = effects.last else { return XCTFail("\(effects)") }
        XCTAssertNil(state.query.error)
        XCTAssertFalse(screen(state).contains("[1501]"), screen(state))
        succeed(&state, [["name": "Ada"], ["name": "Grace"], ["name": "Lin"]])
        XCTAssertEqual(state.message, .info("saved query friendsOf: 3 rows"))
        XCTAssertTrue(state.query.statsLine?.hasPrefix("saved query friendsOf: 3 rows") == true, state.query.statsLine ?? "nil")
        XCTAssertTrue(screen(state).contains("Grace"))
        // A failure names the saved query too.
        _ = Reducer.reduce(&state, .completed(.savedQueries(.success([["name": "friendsOf", "value": "…"]]))))
        press(&state, .char("r"))
        fail(&state, "bind parameter 'u' was not set")
        XCTAssertEqual(state.query.error, "saved query friendsOf: [1501] bind parameter 'u' was not set")
        // The editor's next run is the editor's again.
        _ = run(&state, "RETURN 1")
        succeed(&state, [1])
        XCTAssertEqual(state.query.statsLine?.hasPrefix("1 row"), true)
    }

    func testASavedQueryKeepsTheUsersBindVariables() {
        var state = queryState()
        state.query.bindEditor.text = #"{"city": "Paris"}"#
        let saved: JSON = ["name": "usersByCity", "value": "FOR u IN users FILTER u.city == @city LIMIT @n RETURN u",
                           "parameter": ["city": "London", "n": 5]]
        _ = Reducer.reduce(&state, .completed(.savedQueries(.success([saved]))))
        press(&state, KeyEvent(.enter))
        XCTAssertEqual(state.query.editor.text, "FOR u IN users FILTER u.city == @city LIMIT @n RETURN u")
        let bind = try? JSON.parse(state.query.bindEditor.text)
        XCTAssertEqual(bind, ["city": "Paris", "n": 5], "the user's city stays; only the missing n is filled in")
        // Running one leaves the bind pane alone.
        _ = Reducer.reduce(&state, .completed(.savedQueries(.success([saved]))))
        let before = state.query.bindEditor.text
        press(&state, .char("r"))
        XCTAssertEqual(state.query.bindEditor.text, before)
    }

    // MARK: - Bind variables

    func testOnlyTheBindVariablesTheQueryReferencesAreSent() {
        var state = queryState()
        state.query.bindEditor.text = #"{"city": "Paris", "@coll": "users", "n": 3}"#
        XCTAssertEqual(run(&state, "RETURN 1")?.bindVariables, [:], "a stale @city no longer fails with 1552")
        succeed(&state, [1])
        let request = run(&state, "FOR u IN @@coll FILTER u.city == @city // @n\nRETURN '@n'")
        XCTAssertEqual(request?.bindVariables, ["city": "Paris", "@coll": "users"], "an @ in a comment or string is no parameter")
        guard case .explain(let plan, _)? = press(&state, KeyEvent(.function(6))).last else { return XCTFail("no explain") }
        XCTAssertEqual(plan.bindVariables, ["city": "Paris", "@coll": "users"])
        // Saving stores the referenced ones as the saved query's parameters.
        press(&state, KeyEvent(.function(9)))
        type(&state, "byCity")
        guard case .saveQuery("byCity", _, let parameters, _)? = press(&state, KeyEvent(.enter)).last else { return XCTFail("not saved") }
        XCTAssertEqual(parameters, ["city": "Paris", "@coll": "users"])
    }

    func testTheTitleShowsTheBindVariablesInForce() {
        var state = queryState()
        XCTAssertFalse(screen(state).contains("Query — bind"), "no bind variables, none in the title")
        press(&state, KeyEvent(.function(4)), .ctrl("a"), .ctrl("k"))
        type(&state, #"{"city":"Paris"}"#)
        press(&state, KeyEvent(.function(4)))
        XCTAssertFalse(state.query.editingBindVariables)
        XCTAssertTrue(screen(state).contains(#"Query — bind {"city":"Paris"}"#), screen(state))
    }

    func testInvalidBindVariablesKeepTheDialogOpenWithTheError() {
        var state = queryState()
        press(&state, KeyEvent(.function(4)))
        type(&state, "x")
        press(&state, KeyEvent(.function(4)))
        XCTAssertTrue(state.query.editingBindVariables)
        XCTAssertEqual(state.message?.isError, true)
        XCTAssertTrue(state.message?.text.contains("line 1, column") == true, state.message?.text ?? "nil")
        press(&state, KeyEvent(.escape))
        XCTAssertTrue(state.query.editingBindVariables, "esc does not leave broken JSON behind either")
        press(&state, KeyEvent(.backspace), KeyEvent(.escape))
        XCTAssertFalse(state.query.editingBindVariables)
    }

    // MARK: - Stale results and status

    /// Run, fail, run: the first run's rows came back under `running…`.
    /// F5, then F5 again before the first answers: the first run's rows,
    /// arriving late, are not shown over the second's, and its cursor is freed.
    func testAPageOfAnOvertakenRunIsDroppedAndItsCursorClosed() {
        var state = queryState()
        XCTAssertNotNil(run(&state, "FOR i IN 1..1000 RETURN i"))
        let overtaken = state.query.run
        XCTAssertNotNil(run(&state, "RETURN 1"))
        succeed(&state, [1])
        let late = CursorPage(results: [7, 8], hasMore: true, cursorId: "c-old", statistics: [:])
        let effects = Reducer.reduce(&state, .completed(.queryPage(.success(late), first: true, elapsed: 1, run: overtaken)))
        XCTAssertEqual(state.query.results, [1])
        guard case .closeCursor("c-old", _)? = effects.first else { return XCTFail("\(effects)") }
        _ = Reducer.reduce(&state, .completed(.queryPage(.failure(C8Error(.queryParse, "late")), first: true, elapsed: 0, run: overtaken)))
        XCTAssertNil(state.query.error, "a late failure of the overtaken run is not shown either")
    }

    func testWhileAQueryRunsNothingOfAnEarlierRunShows() {
        var state = queryState()
        _ = run(&state, "RETURN 'first-rows'")
        succeed(&state, ["first-rows"])
        _ = run(&state, "RETURN")
        fail(&state)
        _ = run(&state, "RETURN 3")
        XCTAssertEqual(state.query.results, [])
        let text = screen(state)
        XCTAssertFalse(text.contains("first-rows"), text)
        XCTAssertFalse(text.contains("[1501]"), text)
        XCTAssertTrue(text.contains("running…"), text)
    }

    func testASuccessfulExplainClearsAnEarlierError() {
        var state = queryState()
        _ = run(&state, "RETURN")
        fail(&state)
        XCTAssertEqual(state.message?.isError, true)
        _ = Reducer.reduce(&state, .completed(.explained(.success(["plan": ["nodes": []]]))))
        XCTAssertNil(state.message)
    }

    func testAMessageClearsOnTheNextKeyAndAnErrorStays() {
        var state = queryState()
        state.focus = .documents
        state.documents.collection = "users"
        state.documents.mode = .edit(TextEditor(text: "{}"), key: nil, rev: nil)
        press(&state, KeyEvent(.escape))
        XCTAssertEqual(state.message, .info("edit cancelled"))
        press(&state, .char("j"))
        XCTAssertNil(state.message)
        state.message = .error("[1501] syntax error")
        press(&state, .char("j"))
        XCTAssertEqual(state.message, .error("[1501] syntax error"), "an error stays until a success or esc")
    }
}
