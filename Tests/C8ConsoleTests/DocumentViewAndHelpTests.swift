import C8Client
import C8Core
import XCTest
@testable import C8Console

/// The document view's fold keys and the help overlay's scrolling and
/// wrapping, through the reducer as a user presses keys.
final class DocumentViewAndHelpTests: XCTestCase {
    private func state(width: Int = 100, height: Int = 30) -> AppState {
        var state = AppState(endpoint: "memory", readOnly: false, theme: BuiltinTheme.theme, size: (width, height))
        _ = Reducer.reduce(&state, .start)
        _ = Reducer.reduce(&state, .completed(.collections(fabric: "_system", .success([CollectionInfo(name: "users", kind: .document, count: 1)]))))
        return state
    }

    private func press(_ state: inout AppState, _ keys: KeyEvent...) {
        for key in keys { _ = Reducer.reduce(&state, .input(.key(key))) }
    }

    private func view(_ state: AppState, file: StaticString = #filePath, line: UInt = #line) -> JSONView? {
        guard case .view(let view) = state.documents.mode else {
            XCTFail("no document view: \(state.documents.mode)", file: file, line: line)
            return nil
        }
        return view
    }

    func testSpacePlusAndMinusFoldTheDocumentView() throws {
        var state = state()
        press(&state, KeyEvent(.enter))  // opens users
        let document: JSON = ["_key": "u0", "name": ["first": "Ada", "last": "Lovelace"], "tags": ["a", "b"]]
        _ = Reducer.reduce(&state, .completed(.documents(collection: "users", placement: .replace, descending: false, .success([document]))))
        press(&state, KeyEvent(.enter))
        let opened = try XCTUnwrap(view(state))
        let nameRow = try XCTUnwrap((0..<opened.lineCount).first { opened.lineText($0).contains("\"name\"") })
        for _ in 0..<nameRow { press(&state, .char("j")) }
        press(&state, .char(" "))
        XCTAssertTrue(try XCTUnwrap(view(state)).isFolded(row: nameRow), "space folds the object at the cursor")
        press(&state, .char(" "))
        XCTAssertFalse(try XCTUnwrap(view(state)).isFolded(row: nameRow), "space unfolds it again")
        press(&state, .char("-"))
        let folded = try XCTUnwrap(view(state))
        XCTAssertEqual((0..<folded.lineCount).filter { folded.isFolded(row: $0) }.count, 2, "- folds name and tags")
        press(&state, .char("+"))
        let unfolded = try XCTUnwrap(view(state))
        XCTAssertEqual(unfolded.lineCount, opened.lineCount, "+ unfolds everything")
        // Back in the list the keys fold nothing and open nothing.
        press(&state, KeyEvent(.escape), .char(" "), .char("-"))
        guard case .list = state.documents.mode else { return XCTFail("\(state.documents.mode)") }
    }

    func testHelpScrollsWithinItsPagesAndJumpsToTheEnds() {
        var state = state(width: 100, height: 24)
        press(&state, .char("?"))
        let page = HelpPage(state)
        XCTAssertGreaterThan(page.lastScroll, 10, "the help is longer than a screen")
        func scroll() -> Int? { if case .help(let scroll)? = state.overlay { scroll } else { nil } }
        press(&state, .char("G"))
        XCTAssertEqual(scroll(), page.lastScroll)
        for _ in 0..<20 { press(&state, .char("j")) }
        XCTAssertEqual(scroll(), page.lastScroll, "j past the end stays at the last page")
        press(&state, .char("k"))
        XCTAssertEqual(scroll(), page.lastScroll - 1, "k moves up at once after overshooting")
        press(&state, .char("g"))
        XCTAssertEqual(scroll(), 0)
        press(&state, .ctrl("d"))
        XCTAssertEqual(scroll(), page.visibleRows / 2)
        press(&state, KeyEvent(.end))
        XCTAssertEqual(scroll(), page.lastScroll)
        press(&state, KeyEvent(.home))
        XCTAssertEqual(scroll(), 0)
        press(&state, .char("?"))
        XCTAssertNil(state.overlay)
    }

    func testHelpWrapsLongLinesAndListsTheFoldAndTailKeys() {
        for width in [80, 140] {
            let page = HelpPage(state(width: width, height: 40))
            let textWidth = page.box.width - 2 - HelpPage.textColumn
            for line in page.lines where !line.isHeading {
                XCTAssertLessThanOrEqual(CharacterWidth.of(line.text), textWidth, "cut at \(width) columns: \(line.text)")
            }
            let text = page.lines.map { $0.key + " " + $0.text }.joined(separator: "\n")
            XCTAssertTrue(text.contains("space Document view: fold or unfold"), text)
            XCTAssertTrue(text.contains("G end Tail: jump to the newest message"), text)
        }
    }
}

/// What the status and hint lines show.
final class StatusAndHintLineTests: XCTestCase {
    func testALongStatusMessageEndsWithAnEllipsis() {
        var state = AppState(endpoint: "memory", readOnly: false, theme: BuiltinTheme.theme, size: (80, 24))
        state.message = .error("[1233] invalid document handle: _from and _to must be document handles like users/u1, got 'x'")
        let status = Renderer.render(state).text.split(separator: "\n", omittingEmptySubsequences: false)[22]
        XCTAssertTrue(status.hasSuffix("…"), String(status))
        XCTAssertTrue(status.contains("[1233] invalid document handle"), String(status))
    }

    func testFoldKeysAreHintedInTheDocumentViewOnly() {
        var state = AppState(endpoint: "memory", readOnly: false, theme: BuiltinTheme.theme, size: (160, 24))
        state.focus = .documents
        state.documents.collection = "users"
        func hints() -> String { String(Renderer.render(state).text.split(separator: "\n", omittingEmptySubsequences: false)[23]) }
        XCTAssertFalse(hints().contains("fold"), hints())
        state.documents.mode = .view(JSONView(value: ["a": ["b": 1]]))
        XCTAssertTrue(hints().contains("space fold"), hints())
    }
}

/// Dialogs show their whole hint.
final class PromptOverlayTests: XCTestCase {
    func testALongPromptHintWrapsInsteadOfBeingCut() {
        var state = AppState(endpoint: "memory", readOnly: false, theme: BuiltinTheme.theme, size: (80, 24))
        let hint = "name [document|edge|kv] [waitForSync] [spot] [local] [keys=uuid|padded|autoincrement] [shardKeys=a,b]"
        state.overlay = .prompt(Prompt(title: "New collection", hint: hint, purpose: .createCollection))
        let screen = Renderer.render(state).text
        for word in hint.split(separator: " ") {
            XCTAssertTrue(screen.contains(word), "\(word) is not on screen:\n\(screen)")
        }
        XCTAssertTrue(screen.contains("enter ok · esc cancel"))
    }
}

extension StatusAndHintLineTests {
    func testEscCancelIsHintedOnlyWhileAQueryRuns() {
        var state = AppState(endpoint: "memory", readOnly: false, theme: BuiltinTheme.theme, size: (160, 24))
        state.focus = .query
        func hints() -> String { String(Renderer.render(state).text.split(separator: "\n", omittingEmptySubsequences: false)[23]) }
        XCTAssertFalse(hints().contains("esc cancel"), hints())
        state.query.beginRun("RETURN SLEEP(10)")
        XCTAssertTrue(hints().contains("esc cancel"), hints())
    }

    func testAnOpenDialogHintsItsOwnKeys() {
        var state = AppState(endpoint: "memory", readOnly: false, theme: BuiltinTheme.theme, size: (100, 24))
        state.focus = .collections
        func hints() -> String { String(Renderer.render(state).text.split(separator: "\n", omittingEmptySubsequences: false)[23]) }
        XCTAssertTrue(hints().contains("create-collection"), hints())
        state.overlay = .confirm(Confirmation(title: "Truncate", message: "Remove every document of users? (y/n)", requiredText: nil,
                                              effect: .truncateCollection("users", fabric: "_system")))
        XCTAssertTrue(hints().contains("y confirm"), hints())
        XCTAssertFalse(hints().contains("create-collection"), hints())
        state.overlay = .help(scroll: 0)
        XCTAssertTrue(hints().contains("esc close"), hints())
    }
}
