import C8Client
@testable import C8Console
import C8Core
import XCTest

/// Golden screens of the Streams pane and a tail, and the real loop over
/// an embedded engine: tail a stream, see published messages, filter them
/// with C8QL evaluated by the engine.
final class StreamsScreenTests: XCTestCase {
    /// The pane after three polls (so sparklines have a slope).
    private func paneState(width: Int, height: Int) -> AppState {
        var state = StreamsFixture.state(width: width, height: height)
        StreamsFixture.shown(&state, polls: 3)
        return state
    }

    /// A paused tail: keys and properties, JSON and text payloads, one
    /// message dropped by a small ring, a C8QL filter and a selection.
    private func tailState(width: Int, height: Int) -> AppState {
        var state = paneState(width: width, height: height)
        _ = Reducer.reduce(&state, .command("buffer 30"))
        _ = Reducer.reduce(&state, .command("tail ticks"))
        _ = Reducer.reduce(&state, .completed(.tailOpened(id: 1, error: nil)))
        var messages = (0..<30).map { n in
            StreamsFixture.message(n, key: n % 4 == 0 ? "sensor-\(n % 3)" : nil, properties: n % 5 == 0 ? ["region": "eu-west"] : [:])
        }
        messages.append(StreamsFixture.message(30, text: "plain text payload\nsecond line"))
        _ = Reducer.reduce(&state, .completed(.tailMessages(id: 1, messages)))
        _ = Reducer.reduce(&state, .command("filter msg.n != 3"))
        _ = Reducer.reduce(&state, .completed(.messagesFiltered(tail: 1, generation: 0, .success((1...30).map { $0 != 3 }))))
        for key in [KeyEvent.char(" "), .char("k"), .char("k")] { _ = Reducer.reduce(&state, .input(.key(key))) }
        _ = Reducer.reduce(&state, .completed(.tailMessages(id: 1, [StreamsFixture.message(31)])))
        _ = Reducer.reduce(&state, .completed(.messagesFiltered(tail: 1, generation: 0, .success([true]))))
        state.message = nil
        return state
    }

    func testPaneAt80x24() {
        assertSnapshot(Renderer.render(paneState(width: 80, height: 24)), named: "streams-80x24")
    }

    func testPaneAt200x60() {
        let screen = Renderer.render(paneState(width: 200, height: 60))
        XCTAssertTrue(screen.text.contains("▃▆█"), "rates rose over three polls:\n\(screen.text)")
        assertSnapshot(screen, named: "streams-200x60")
    }

    func testTailAt80x24() {
        let screen = Renderer.render(tailState(width: 80, height: 24))
        XCTAssertTrue(screen.text.contains("⏸ paused (1 new)"), screen.text)
        XCTAssertTrue(screen.text.contains("2 dropped"), screen.text)
        assertSnapshot(screen, named: "streams-tail-80x24")
    }

    func testTailAt200x60() {
        let screen = Renderer.render(tailState(width: 200, height: 60))
        XCTAssertTrue(screen.text.contains("filter msg.n != 3"))
        XCTAssertTrue(screen.text.contains("\"city\": \"Oslo\""), "the selected message's payload, pretty:\n\(screen.text)")
        XCTAssertFalse(screen.text.contains("\"n\":3,"), "the filter hides m3")
        assertSnapshot(screen, named: "streams-tail-200x60")
    }

    func testPublishDialogAndSubscriptions() {
        var state = tailState(width: 80, height: 24)
        _ = Reducer.reduce(&state, .input(.key(.char("p"))))
        for c in #"{"hello":1}"# { _ = Reducer.reduce(&state, .input(.key(.char(c)))) }
        let dialog = Renderer.render(state).text
        XCTAssertTrue(dialog.contains("Publish to ticks"), dialog)
        XCTAssertTrue(dialog.contains(#"{"hello":1}"#))
        state.overlay = nil
        _ = Reducer.reduce(&state, .input(.key(.char("s"))))
        assertSnapshot(Renderer.render(state), named: "streams-subscriptions-80x24")
    }

    func testHelpListsTheStreamKeysAndCommands() {
        var state = paneState(width: 100, height: 60)
        state.overlay = .help(scroll: 0)
        let lines = HelpPage.entries(state).map { $0.key + " " + $0.text }
        XCTAssertTrue(lines.contains { $0.hasPrefix("space ") && $0.contains("(:pause)") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix(":filter [EXPR]") })
        XCTAssertTrue(lines.contains { $0.hasPrefix(":replay [TIME]") })
        XCTAssertTrue(lines.contains { $0.hasPrefix("5 ") && $0.contains("Streams") })
    }

    /// A full tail at 200×60 draws within the console's frame budget.
    func testTailFrameStaysWithinBudget() {
        var state = StreamsFixture.state(width: 200, height: 60)
        StreamsFixture.shown(&state)
        _ = Reducer.reduce(&state, .command("tail ticks"))
        _ = Reducer.reduce(&state, .completed(.tailMessages(id: 1, StreamsFixture.messages(0..<StreamsState.defaultBufferLimit + 500))))
        XCTAssertEqual(state.streams.tail?.ring.count, StreamsState.defaultBufferLimit)
        assertFramesAreQuick(state)
    }

    // MARK: - The real loop

    func testTailPublishAndFilterOverAnEmbeddedEngine() async throws {
        let connection = try EmbeddedConnection.inMemory()
        defer { connection.close() }
        _ = try await connection.createStream("prices", local: false, in: "_system")
        let terminal = MemoryTerminal(width: 120, height: 36)
        var state = AppState(endpoint: connection.endpoint, readOnly: false, theme: BuiltinTheme.theme, size: (120, 36))
        state.streams.clock = StreamsFixture.utc
        let app = ConsoleApp(state: state, terminal: terminal, runner: EffectRunner(connection: connection, historyDirectory: nil, themes: ThemeCatalog(directories: [])))
        app.dispatch(.start)
        app.settle()
        terminal.send(.key(.char("5")))
        XCTAssertTrue(waitUntil(app, terminal) { $0.contains("prices") && $0.contains("global") }, terminal.screen?.text ?? "")
        terminal.send(.key(KeyEvent(.enter)))
        XCTAssertTrue(waitUntil(app, terminal) { $0.contains("waiting for messages") }, terminal.screen?.text ?? "")

        for (n, price) in [120, 80, 300].enumerated() {
            try await connection.publish(OutgoingStreamMessage(text: #"{"item":"i\#(n)","price":\#(price)}"#, key: "k\(n)"), to: "c8globals.prices", in: "_system")
        }
        XCTAssertTrue(waitUntil(app, terminal) { $0.contains(#""item":"i2""#) && $0.contains("3 msgs") }, terminal.screen?.text ?? "")

        // Publish through the console's own dialog.
        terminal.send(.key(.char("p")))
        app.step(timeout: 0)
        for c in #"{"item":"i3","price":99}"# { terminal.send(.key(.char(c))) }
        terminal.send(.key(KeyEvent(.enter)))
        XCTAssertTrue(waitUntil(app, terminal) { $0.contains(#""item":"i3""#) }, terminal.screen?.text ?? "")

        // :filter runs on the engine: only prices over 100 stay.
        app.dispatch(.command("filter msg.price > 100"))
        XCTAssertTrue(waitUntil(app, terminal) { $0.contains("filter msg.price > 100") && $0.contains("2/4 msgs") }, terminal.screen?.text ?? "")
        let filtered = terminal.screen?.text ?? ""
        XCTAssertFalse(filtered.contains(#""item":"i1""#))
        XCTAssertFalse(filtered.contains(#""item":"i3""#))
        // New messages are judged too.
        try await connection.publish(OutgoingStreamMessage(text: #"{"item":"i4","price":500}"#), to: "c8globals.prices", in: "_system")
        try await connection.publish(OutgoingStreamMessage(text: #"{"item":"i5","price":5}"#), to: "c8globals.prices", in: "_system")
        XCTAssertTrue(waitUntil(app, terminal) { $0.contains(#""item":"i4""#) && $0.contains("3/6 msgs") }, terminal.screen?.text ?? "")
        XCTAssertFalse(terminal.screen?.text.contains(#""item":"i5""#) == true)

        // A bad expression: the parser's error, and the old filter stays.
        app.dispatch(.command("filter msg.price >"))
        XCTAssertTrue(waitUntil(app, terminal) { _ in app.state.message?.isError == true }, app.state.message?.text ?? "")
        XCTAssertTrue(app.state.message?.text.contains("[1501]") == true, app.state.message?.text ?? "")
        XCTAssertEqual(app.state.streams.tail?.queryFilter, "msg.price > 100")

        app.dispatch(.command("q"))
        XCTAssertTrue(app.state.quit)
    }
}
