@testable import C8Console
import XCTest

final class WidgetCompletionTests: XCTestCase {
    private let completer = Completer(keywords: ["FOR", "FILTER", "FULL"], functions: ["FLOOR", "FIRST"],
                                      collections: ["flights", "Fabric"], attributes: ["firstName"])

    private func labels(_ text: String, _ completer: Completer? = nil) -> [String]? {
        let editor = TextEditor(text: text)
        return (completer ?? self.completer).completion(for: editor)?.candidates.map(\.label)
    }

    func testExactCasePrefixFirstThenKindOrderThenName() {
        XCTAssertEqual(labels("F"), ["FILTER", "FOR", "FULL", "Fabric", "FIRST(", "FLOOR(", "flights", "firstName"])
    }

    func testLowercasePrefixPrefersUserNamesAndLowercasesKeywords() {
        XCTAssertEqual(labels("RETURN fi"), ["firstName", "filter", "first("])
        XCTAssertEqual(labels("RETURN Fi"), ["FILTER", "firstName", "FIRST("])
    }

    func testAfterADotOnlyAttributes() {
        XCTAssertEqual(labels("FILTER doc.f"), ["firstName"])
        XCTAssertEqual(labels("FOR i IN 1..f")?.prefix(3), ["flights", "firstName", "filter"],
                       "after a range operator names complete normally")
    }

    func testNothingInsideStringsCommentsOrBindParameters() {
        XCTAssertNil(labels(#"RETURN "fi"#))
        XCTAssertNil(labels("RETURN 1 // fi"))
        XCTAssertNil(labels("/* fi"))
        XCTAssertNil(labels("FILTER x == @fi"))
        XCTAssertNil(labels("LIMIT 1f"))
        XCTAssertNotNil(labels(#"RETURN "a" + fi"#), "after a closed string completion works")
    }

    func testEmptyPrefixOnlyWhenAsked() {
        let editor = TextEditor(text: "FOR x IN ")
        XCTAssertNil(completer.completion(for: editor))
        XCTAssertEqual(completer.completion(for: editor, allowEmptyPrefix: true)?.candidates.count, 8)
    }

    func testAWordTypedInFullIsNotOfferedAgain() {
        XCTAssertEqual(labels("FOR"), nil)
        XCTAssertEqual(labels("FIL"), ["FILTER"])
    }

    func testRealCatalogueHasKeywordsAndFunctions() {
        let real = Completer()
        XCTAssertEqual(real.rank(prefix: "RET").first?.label, "RETURN")
        XCTAssertTrue(real.rank(prefix: "LENG").contains { $0.label == "LENGTH(" && $0.kind == .function })
    }

    func testPopupAcceptReplacesThePrefix() {
        var editor = TextEditor(text: "FOR u IN fl")
        var popup = CompletionPopup()
        popup.update(editor: editor, completer: completer)
        XCTAssertTrue(popup.isOpen)
        XCTAssertEqual(popup.selectedCandidate?.label, "flights")
        XCTAssertTrue(popup.handle(KeyEvent(.tab), editor: &editor))
        XCTAssertEqual(editor.text, "FOR u IN flights")
        XCTAssertEqual(editor.cursor.column, 16)
        XCTAssertFalse(popup.isOpen)
        // One undo step takes the completion back.
        editor.undo()
        XCTAssertEqual(editor.text, "FOR u IN fl")
    }

    func testPopupSelectionAndEnterAcceptsFunctionsWithParenthesis() {
        var editor = TextEditor(text: "RETURN FL")
        var popup = CompletionPopup()
        popup.update(editor: editor, completer: completer)
        XCTAssertEqual(popup.candidates.map(\.label), ["FLOOR(", "flights"])
        XCTAssertTrue(popup.handle(KeyEvent(.down), editor: &editor))
        XCTAssertEqual(popup.selectedCandidate?.label, "flights")
        XCTAssertTrue(popup.handle(KeyEvent(.down), editor: &editor), "stays on the last")
        XCTAssertTrue(popup.handle(KeyEvent(.up), editor: &editor))
        XCTAssertTrue(popup.handle(KeyEvent(.enter), editor: &editor))
        XCTAssertEqual(editor.text, "RETURN FLOOR(")
    }

    func testPopupEscClosesAndOtherKeysPassThrough() {
        var editor = TextEditor(text: "F")
        var popup = CompletionPopup()
        popup.update(editor: editor, completer: completer)
        XCTAssertFalse(popup.handle(.char("I"), editor: &editor), "typing goes to the editor")
        XCTAssertTrue(editor.handle(.char("I")))
        popup.update(editor: editor, completer: completer)
        XCTAssertEqual(popup.candidates.map(\.label), ["FILTER", "FIRST(", "firstName"])
        XCTAssertTrue(popup.handle(KeyEvent(.escape), editor: &editor))
        XCTAssertFalse(popup.isOpen)
        XCTAssertFalse(popup.handle(KeyEvent(.down), editor: &editor), "a closed pop-up uses no keys")
        XCTAssertEqual(editor.text, "FI")
    }

    func testSelectionStaysOnTheSameCandidateWhileTyping() {
        var editor = TextEditor(text: "F")
        var popup = CompletionPopup()
        popup.update(editor: editor, completer: completer)
        for _ in 0..<4 { _ = popup.handle(KeyEvent(.down), editor: &editor) }
        XCTAssertEqual(popup.selectedCandidate?.label, "FIRST(")
        editor.type("I")
        popup.update(editor: editor, completer: completer)
        XCTAssertEqual(popup.selectedCandidate?.label, "FIRST(")
    }

    func testFrameSitsUnderTheWordAndFlipsAboveNearTheBottom() {
        var popup = CompletionPopup()
        popup.show(completer.completion(for: TextEditor(text: "RETURN FL")))
        let bounds = Rect(x: 0, y: 0, width: 30, height: 10)
        // Caret after "FL" at column 9: labels (1 column in) start under F at 7.
        XCTAssertEqual(popup.frame(anchor: (x: 9, y: 2), bounds: bounds), Rect(x: 6, y: 3, width: 14, height: 2))
        XCTAssertEqual(popup.frame(anchor: (x: 9, y: 9), bounds: bounds), Rect(x: 6, y: 7, width: 14, height: 2))
        // At the right edge it shifts left to stay inside.
        XCTAssertEqual(popup.frame(anchor: (x: 29, y: 2), bounds: bounds)?.maxX, 30)
    }

    func testSnapshotEditorWithPopup() {
        var editor = TextEditor(text: "FOR u IN users\n  FILTER u.f", highlighter: C8QLHighlighter())
        editor.showsLineNumbers = false
        var popup = CompletionPopup()
        popup.update(editor: editor, completer: Completer(attributes: ["first", "flags", "fullName"]))
        _ = popup.handle(KeyEvent(.down), editor: &editor)
        let buffer = WidgetTest.screen(26, 6) { buffer, rect in
            editor.render(into: &buffer, in: rect, theme: WidgetTest.theme, focused: true)
            popup.render(into: &buffer, in: rect, theme: WidgetTest.theme, focused: true)
        }
        assertSnapshot(buffer, named: "widget-completion-below")
    }

    func testSnapshotPopupFlippedAbove() {
        var editor = TextEditor(text: "FOR u IN users\nRETURN u\nLIMIT 1\nSORT u.f", highlighter: C8QLHighlighter())
        editor.showsLineNumbers = false
        var popup = CompletionPopup()
        popup.update(editor: editor, completer: Completer(attributes: ["first", "flags", "fullName"]))
        let buffer = WidgetTest.screen(22, 4) { buffer, rect in
            editor.render(into: &buffer, in: rect, theme: WidgetTest.theme, focused: true)
            popup.render(into: &buffer, in: rect, theme: WidgetTest.theme, focused: true)
        }
        assertSnapshot(buffer, named: "widget-completion-above")
    }
}
