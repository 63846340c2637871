import C8Client
@testable import C8Console
import C8Core
import XCTest

/// The Streams pane's logic: showing and polling, tails (open, close,
/// pause, follow, ring buffer), filters, replay, publish, subscriptions.
final class StreamsReducerTests: XCTestCase {
    private func press(_ state: inout AppState, _ keys: KeyEvent...) -> [Effect] {
        keys.flatMap { Reducer.reduce(&state, .input(.key($0))) }
    }

    private func type(_ state: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { Reducer.reduce(&state, .input(.key($0 == "\n" ? KeyEvent(.enter) : .char($0)))) }
    }

    private func command(_ state: inout AppState, _ text: String) -> [Effect] {
        Reducer.reduce(&state, .command(text))
    }

    /// A state with the pane shown and a tail open on `ticks` (tail id 1).
    private func tailing(bufferLimit: Int? = nil) -> AppState {
        var state = StreamsFixture.state()
        StreamsFixture.shown(&state)
        if let bufferLimit { _ = command(&state, "buffer \(bufferLimit)") }
        _ = press(&state, KeyEvent(.enter))
        _ = Reducer.reduce(&state, .completed(.tailOpened(id: 1, error: nil)))
        return state
    }

    private func deliver(_ state: inout AppState, _ messages: [StreamMessageView], tail: Int = 1) -> [Effect] {
        Reducer.reduce(&state, .completed(.tailMessages(id: tail, messages)))
    }

    private func visibleIDs(_ state: AppState) -> [String] {
        guard let tail = state.streams.tail else { return [] }
        return tail.visible.map { tail.ring[$0].id }
    }

    // MARK: - Showing and polling

    func testFiveAndTheCommandShowThePaneAndStartOnePollChain() {
        var state = StreamsFixture.state()
        let effects = press(&state, .char("5"))
        XCTAssertEqual(state.focus, .streams)
        XCTAssertTrue(state.streams.shown)
        guard case .pollStreams("_system", 1, 0)? = effects.first, effects.count == 1 else { return XCTFail("\(effects)") }
        // Focusing again does not start a second chain.
        XCTAssertTrue(command(&state, "streams").isEmpty)
        XCTAssertEqual(state.streams.pollGeneration, 1)
    }

    func testEachPollAsksForTheNextOneSecondLaterWhileShown() {
        var state = StreamsFixture.state()
        _ = press(&state, .char("5"))
        let next = Reducer.reduce(&state, .completed(.streamsPolled(fabric: "_system", generation: 1, .success(StreamsFixture.snapshots))))
        guard case .pollStreams("_system", 1, StreamsState.pollInterval)? = next.first else { return XCTFail("\(next)") }
        XCTAssertEqual(state.streams.list.items.map(\.summary.name), ["orders", "scratch", "ticks"])
        XCTAssertEqual(state.streams.item("c8globals.ticks")?.backlog, 3)
        XCTAssertEqual(state.streams.item("c8locals.orders")?.rateIn.samples, [120])
        XCTAssertEqual(state.pending, 0, "polls never count as pending: the spinner would never stop")

        // Rates accumulate one sample per poll.
        _ = Reducer.reduce(&state, .completed(.streamsPolled(fabric: "_system", generation: 1, .success(StreamsFixture.snapshots))))
        XCTAssertEqual(state.streams.item("c8locals.orders")?.rateIn.samples, [120, 120])

        // Documents takes the main area back: the chain ends at its next reply.
        _ = press(&state, .char("3"))
        XCTAssertFalse(state.streams.shown)
        XCTAssertTrue(Reducer.reduce(&state, .completed(.streamsPolled(fabric: "_system", generation: 1, .success([])))).isEmpty)
        XCTAssertFalse(state.streams.polling)
        // Shown again: a new chain.
        guard case .pollStreams(_, 2, 0)? = press(&state, .char("5")).first else { return XCTFail("no new chain") }
    }

    func testFabricsAndCollectionsKeepThePaneShownAndRefreshStartsANewChain() {
        var state = StreamsFixture.state()
        StreamsFixture.shown(&state)
        _ = press(&state, .char("1"))
        XCTAssertTrue(state.streams.shown, "the pane stays while focus visits the left column")
        _ = press(&state, .char("5"))
        guard case .pollStreams(_, 2, 0)? = press(&state, .ctrl("l")).first else { return XCTFail("ctrl+l polls now") }
        // Replies of the retired chain are dropped and do not fork it.
        XCTAssertTrue(Reducer.reduce(&state, .completed(.streamsPolled(fabric: "_system", generation: 1, .success([])))).isEmpty)
        XCTAssertEqual(state.streams.list.items.count, 3)
    }

    func testTabCyclesThePanesOnScreen() {
        var state = StreamsFixture.state()
        _ = press(&state, .char("1"))
        _ = press(&state, KeyEvent(.backTab))
        XCTAssertEqual(state.focus, .query, "Streams is not on screen: shift+tab skips it")
        _ = press(&state, KeyEvent(.backTab))  // leaves the editor, where `5` is text
        StreamsFixture.shown(&state)
        var order: [PaneID] = []
        for _ in 0..<3 {
            _ = press(&state, KeyEvent(.tab))
            order.append(state.focus)
        }
        XCTAssertEqual(order, [.fabrics, .collections, .streams], "Documents and Query are not on screen")
        _ = press(&state, KeyEvent(.backTab))
        XCTAssertEqual(state.focus, .collections)
    }

    func testStreamListFilterAndTailCompletion() {
        var state = StreamsFixture.state()
        StreamsFixture.shown(&state)
        _ = type(&state, "/ord\n")
        XCTAssertEqual(state.streams.list.visibleItems.map(\.summary.name), ["orders"])
        _ = press(&state, KeyEvent(.escape))
        XCTAssertEqual(state.streams.list.visibleItems.count, 3)
        guard case .commandLine(var line)? = { _ = press(&state, .char(":")); return state.overlay }() else { return XCTFail() }
        line.text = "tail ti"
        state.overlay = .commandLine(line)
        _ = press(&state, KeyEvent(.tab))
        guard case .commandLine(let completed)? = state.overlay else { return XCTFail() }
        XCTAssertEqual(completed.text, "tail ticks")
    }

    // MARK: - Tail open and close

    func testEnterOpensATailAndEscClosesIt() {
        var state = StreamsFixture.state()
        StreamsFixture.shown(&state)
        _ = press(&state, .char("G"))  // the last stream: ticks
        let effects = press(&state, KeyEvent(.enter))
        guard case .openTail("c8globals.ticks", "_system", 1, false)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(state.streams.tail?.topic, "c8globals.ticks")
        XCTAssertEqual(state.streams.tail?.following, true)
        let closed = press(&state, KeyEvent(.escape))
        guard case .closeTail(1)? = closed.first else { return XCTFail("\(closed)") }
        XCTAssertNil(state.streams.tail)
    }

    func testTailCommandOpensByNameAndMessagesOfAnOldTailAreIgnored() {
        var state = StreamsFixture.state()
        StreamsFixture.shown(&state)
        _ = press(&state, .char("1"))
        let effects = command(&state, "tail orders")
        XCTAssertEqual(state.focus, .streams)
        guard case .openTail("c8locals.orders", _, 1, false)? = effects.first else { return XCTFail("\(effects)") }
        // Tailing another stream closes the first.
        let second = command(&state, "tail ticks")
        guard case .closeTail(1)? = second.first, case .openTail("c8globals.ticks", _, 2, false)? = second.last else { return XCTFail("\(second)") }
        _ = deliver(&state, StreamsFixture.messages(0..<3), tail: 1)
        XCTAssertEqual(state.streams.tail?.ring.count, 0, "a closed tail's late messages do not leak into the new one")
        XCTAssertTrue(command(&state, "tail nosuch").isEmpty)
        XCTAssertEqual(state.message, .error("stream not found: nosuch"))
    }

    func testQuitAndFabricSwitchCloseTheTail() {
        var state = tailing()
        let switched = command(&state, "fabric demo")
        XCTAssertTrue(switched.contains { if case .closeTail(1) = $0 { true } else { false } }, "\(switched)")
        XCTAssertNil(state.streams.tail)
        XCTAssertTrue(state.streams.list.items.isEmpty, "another fabric has other streams")
        var quitting = tailing()
        let effects = press(&quitting, .char("q"))
        XCTAssertTrue(quitting.quit)
        XCTAssertTrue(effects.contains { if case .closeTail(1) = $0 { true } else { false } })
    }

    func testOpenFailureShowsTheError() {
        var state = StreamsFixture.state()
        StreamsFixture.shown(&state)
        _ = press(&state, KeyEvent(.enter))
        _ = Reducer.reduce(&state, .completed(.tailOpened(id: 1, error: C8Error(.httpNotFound, "stream c8locals.orders not found"))))
        XCTAssertEqual(state.streams.tail?.ended, "[404] stream c8locals.orders not found")
        XCTAssertEqual(state.message?.isError, true)
    }

    // MARK: - Pause and follow

    func testSpacePausesNewMessagesAreCountedAndGJumpsToLive() {
        var state = tailing()
        let rows = Reducer.layout(state).tailRows
        _ = deliver(&state, StreamsFixture.messages(0..<40))
        XCTAssertEqual(state.streams.tail?.window(rows: rows).selected, 39, "following: the newest is selected")
        _ = press(&state, .char(" "))
        XCTAssertEqual(state.streams.tail?.following, false)
        let before = state.streams.tail!.window(rows: rows)
        _ = deliver(&state, StreamsFixture.messages(40..<45))
        XCTAssertEqual(state.streams.tail?.unseen, 5)
        XCTAssertEqual(state.streams.tail!.window(rows: rows).top, before.top, "paused: the view stays put")
        XCTAssertEqual(state.streams.tail?.selectedRow?.id, "m39")
        _ = press(&state, .char("k"), .char("k"))
        XCTAssertEqual(state.streams.tail?.selectedRow?.id, "m37")
        _ = press(&state, .char("G"))
        XCTAssertEqual(state.streams.tail?.following, true)
        XCTAssertEqual(state.streams.tail?.unseen, 0)
        XCTAssertEqual(state.streams.tail?.selectedRow?.id, "m44")
        // Space again pauses, space again follows.
        _ = press(&state, .char(" "), .char(" "))
        XCTAssertEqual(state.streams.tail?.following, true)
    }

    func testMovingUpWhileFollowingPausesAndEndResumes() {
        var state = tailing()
        _ = deliver(&state, StreamsFixture.messages(0..<10))
        _ = press(&state, KeyEvent(.up))
        XCTAssertEqual(state.streams.tail?.following, false)
        XCTAssertEqual(state.streams.tail?.selectedRow?.id, "m8")
        _ = press(&state, KeyEvent(.end))
        XCTAssertEqual(state.streams.tail?.following, true)
    }

    // MARK: - Ring buffer

    func testTheRingKeepsTheNewestAndCountsWhatItDropped() {
        var state = tailing(bufferLimit: 5)
        _ = deliver(&state, StreamsFixture.messages(0..<3))
        _ = deliver(&state, StreamsFixture.messages(3..<8))
        XCTAssertEqual(visibleIDs(state), ["m3", "m4", "m5", "m6", "m7"])
        XCTAssertEqual(state.streams.tail?.dropped, 3)
        XCTAssertTrue(Renderer.render(state).text.contains("3 dropped"))
        // A burst larger than the ring: only its newest are formatted and kept.
        _ = deliver(&state, StreamsFixture.messages(8..<20))
        XCTAssertEqual(visibleIDs(state), ["m15", "m16", "m17", "m18", "m19"])
        XCTAssertEqual(state.streams.tail?.dropped, 15)
        XCTAssertEqual(state.streams.tail?.ring.seqs, 15..<20)
    }

    func testABadBufferSizeIsRefusedAndTheSizeKept() {
        var state = tailing(bufferLimit: 5)
        for bad in ["-1", "0", "lots"] {
            _ = command(&state, "buffer \(bad)")
            XCTAssertEqual(state.message, .error(":buffer takes a number of messages of 1 or more, not '\(bad)'"))
            XCTAssertEqual(state.streams.bufferLimit, 5)
        }
        _ = command(&state, "buffer")
        XCTAssertEqual(state.message, .info("a tail keeps 5 messages; :buffer N changes it"))
    }

    func testAPausedViewSurvivesItsMessagesBeingDropped() {
        var state = tailing(bufferLimit: 10)
        _ = deliver(&state, StreamsFixture.messages(0..<10))
        _ = press(&state, .char("g"))
        XCTAssertEqual(state.streams.tail?.selectedRow?.id, "m0")
        _ = deliver(&state, StreamsFixture.messages(10..<14))
        XCTAssertEqual(state.streams.tail?.selectedRow?.id, "m4", "the selection moves to the oldest message kept")
        XCTAssertEqual(state.streams.tail?.unseen, 4)
    }

    func testBufferCommandResizesTheOpenTail() {
        var state = tailing()
        _ = deliver(&state, StreamsFixture.messages(0..<10))
        _ = command(&state, "buffer 4")
        XCTAssertEqual(state.streams.bufferLimit, 4)
        XCTAssertEqual(visibleIDs(state), ["m6", "m7", "m8", "m9"])
        XCTAssertEqual(state.streams.tail?.dropped, 6)
        _ = deliver(&state, [StreamsFixture.message(10)])
        XCTAssertEqual(visibleIDs(state), ["m7", "m8", "m9", "m10"])
    }

    // MARK: - Text filter

    func testSlashFiltersTheTailAndAppliesToArrivals() {
        var state = tailing()
        _ = deliver(&state, StreamsFixture.messages(0..<6))
        _ = type(&state, "/OSLO\n")
        XCTAssertEqual(state.streams.tail?.textFilter, "OSLO")
        XCTAssertEqual(visibleIDs(state), ["m1", "m4"])
        _ = deliver(&state, StreamsFixture.messages(6..<8))
        XCTAssertEqual(visibleIDs(state), ["m1", "m4", "m7"])
        _ = press(&state, KeyEvent(.escape))
        XCTAssertEqual(state.streams.tail?.visible.count, 8)
        XCTAssertNotNil(state.streams.tail, "esc clears the filter first, the tail stays")
    }

    // MARK: - C8QL filter

    func testFilterChecksTheExpressionOverTheBufferThenJudgesEachBatchOnce() {
        var state = tailing()
        _ = deliver(&state, StreamsFixture.messages(0..<4))
        let effects = command(&state, "filter msg.n % 2 == 0")
        guard case .filterMessages("msg.n % 2 == 0", let payloads, "_system", 1, 0)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(payloads.map { $0["n"].intValue }, [0, 1, 2, 3])
        XCTAssertNil(state.streams.tail?.queryFilter, "not in force until the engine accepts it")

        // A batch arriving meanwhile waits: one call at a time.
        XCTAssertTrue(deliver(&state, StreamsFixture.messages(4..<6)).isEmpty)
        XCTAssertEqual(visibleIDs(state).count, 6)

        let next = Reducer.reduce(&state, .completed(.messagesFiltered(tail: 1, generation: 0, .success([true, false, true, false]))))
        XCTAssertEqual(state.streams.tail?.queryFilter, "msg.n % 2 == 0")
        XCTAssertEqual(visibleIDs(state), ["m0", "m2"], "arrivals during the check stay hidden until judged")
        XCTAssertEqual(state.message, .info("filter msg.n % 2 == 0: 2 of 6 match"))
        guard case .filterMessages(_, let queued, _, 1, 0)? = next.first else { return XCTFail("the waiting batch is judged next: \(next)") }
        XCTAssertEqual(queued.map { $0["n"].intValue }, [4, 5])

        // Two more batches while that call runs: they go together in the next call.
        XCTAssertTrue(deliver(&state, StreamsFixture.messages(6..<7)).isEmpty)
        XCTAssertTrue(deliver(&state, StreamsFixture.messages(7..<9)).isEmpty)
        let after = Reducer.reduce(&state, .completed(.messagesFiltered(tail: 1, generation: 0, .success([true, false]))))
        XCTAssertEqual(visibleIDs(state), ["m0", "m2", "m4"])
        guard case .filterMessages(_, let batched, _, _, _)? = after.first, after.count == 1 else { return XCTFail("\(after)") }
        XCTAssertEqual(batched.map { $0["n"].intValue }, [6, 7, 8])
        _ = Reducer.reduce(&state, .completed(.messagesFiltered(tail: 1, generation: 0, .success([true, false, true]))))
        XCTAssertEqual(visibleIDs(state), ["m0", "m2", "m4", "m6", "m8"])
        XCTAssertTrue(Renderer.render(state).text.contains("filter msg.n % 2 == 0"))
    }

    func testABadExpressionShowsTheParserErrorAndKeepsTheOldFilter() {
        var state = tailing()
        _ = deliver(&state, StreamsFixture.messages(0..<4))
        _ = command(&state, "filter msg.n > 1")
        _ = Reducer.reduce(&state, .completed(.messagesFiltered(tail: 1, generation: 0, .success([false, false, true, true]))))
        XCTAssertEqual(visibleIDs(state), ["m2", "m3"])

        let effects = command(&state, "filter msg.n >")
        XCTAssertEqual(effects.count, 1)
        _ = Reducer.reduce(&state, .completed(.messagesFiltered(tail: 1, generation: 0, .failure(
            C8Error(.queryParse, "syntax error, unexpected ')' near ') ? true : false' at position 1:36")))))
        XCTAssertEqual(state.message?.isError, true)
        XCTAssertTrue(state.message?.text.contains("1501") == true, state.message?.text ?? "")
        XCTAssertTrue(state.message?.text.contains("unexpected") == true)
        XCTAssertEqual(state.streams.tail?.queryFilter, "msg.n > 1")
        XCTAssertEqual(visibleIDs(state), ["m2", "m3"])
        // Arrivals are still judged by the filter in force.
        guard case .filterMessages("msg.n > 1", _, _, _, _)? = deliver(&state, StreamsFixture.messages(4..<5)).first else { return XCTFail() }
    }

    func testClearingTheFilterShowsEverythingAndIgnoresLateVerdicts() {
        var state = tailing()
        _ = deliver(&state, StreamsFixture.messages(0..<4))
        _ = command(&state, "filter msg.n == 0")
        _ = Reducer.reduce(&state, .completed(.messagesFiltered(tail: 1, generation: 0, .success([true, false, false, false]))))
        _ = deliver(&state, StreamsFixture.messages(4..<6))
        XCTAssertEqual(visibleIDs(state), ["m0"])
        _ = command(&state, "filter")
        XCTAssertNil(state.streams.tail?.queryFilter)
        XCTAssertEqual(visibleIDs(state).count, 6)
        XCTAssertEqual(state.message, .info("filter cleared"))
        // The verdicts of the call made before clearing arrive late: ignored.
        let late = Reducer.reduce(&state, .completed(.messagesFiltered(tail: 1, generation: 0, .success([false, false]))))
        XCTAssertTrue(late.isEmpty)
        XCTAssertEqual(visibleIDs(state).count, 6)
        XCTAssertNil(state.streams.tail?.filterCall)
    }

    func testFilterNeedsATail() {
        var state = StreamsFixture.state()
        StreamsFixture.shown(&state)
        XCTAssertTrue(command(&state, "filter msg.n > 1").isEmpty)
        XCTAssertEqual(state.message?.isError, true)
    }

    // MARK: - Replay

    func testReplayReopensFromTheEarliestMessage() {
        var state = tailing()
        _ = deliver(&state, StreamsFixture.messages(0..<3))
        let effects = press(&state, .char("r"))
        guard case .closeTail(1)? = effects.first, case .openTail("c8locals.orders", _, 2, true)? = effects.last else { return XCTFail("\(effects)") }
        XCTAssertEqual(state.streams.tail?.ring.count, 0)
        XCTAssertTrue(state.streams.tail?.fromEarliest == true)
    }

    func testReplayFromATimeSkipsOlderMessages() {
        var state = tailing()
        let effects = command(&state, "replay 2026-11-22T10:00:05")
        guard case .openTail(_, _, 2, true)? = effects.last else { return XCTFail("reads from the earliest: \(effects)") }
        XCTAssertEqual(state.streams.tail?.since, StreamsFixture.base + 5000)
        _ = deliver(&state, StreamsFixture.messages(0..<8), tail: 2)
        XCTAssertEqual(visibleIDs(state), ["m5", "m6", "m7"])
        XCTAssertEqual(state.streams.tail?.skipped, 5)
        XCTAssertTrue(Renderer.render(state).text.contains("from 2026-11-22 10:00:05.000"))
        XCTAssertTrue(command(&state, "replay yesterday").isEmpty)
        XCTAssertEqual(state.message?.isError, true)
        XCTAssertEqual(state.streams.tail?.id, 2, "a time it cannot read leaves the tail alone")
    }

    // MARK: - Publish

    func testPublishDialogSendsPayloadAndKey() {
        var state = tailing()
        _ = press(&state, .char("p"))
        guard case .publish(let form)? = state.overlay else { return XCTFail("p opens the dialog") }
        XCTAssertEqual(form.topic, "c8locals.orders")
        XCTAssertTrue(press(&state, KeyEvent(.enter)).isEmpty, "an empty payload is refused")
        _ = type(&state, #"{"n":1}"#)
        _ = press(&state, KeyEvent(.tab))
        _ = type(&state, "k1")
        let effects = press(&state, KeyEvent(.enter))
        guard case .publishMessage("c8locals.orders", let message, "_system")? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(message, OutgoingStreamMessage(text: #"{"n":1}"#, key: "k1"))
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.pending, 1)
        _ = Reducer.reduce(&state, .completed(.changed(.success("published to orders"), reload: .nothing)))
        XCTAssertEqual(state.pending, 0)
    }

    func testPublishIsRefusedReadOnly() {
        var state = StreamsFixture.state(readOnly: true)
        StreamsFixture.shown(&state)
        XCTAssertTrue(press(&state, .char("p")).isEmpty)
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.message, .error("read-only mode: publish is not allowed"))
        state.message = nil
        XCTAssertFalse(Renderer.render(state).text.contains("publish"), "hidden from the hints")
    }

    // MARK: - Subscriptions

    func testSubscriptionsViewListsBacklogAndConsumers() {
        var state = StreamsFixture.state()
        StreamsFixture.shown(&state)
        _ = press(&state, .char("G"), .char("s"))
        XCTAssertEqual(state.streams.subscriptionsOf, "c8globals.ticks")
        let rows = state.streams.item("c8globals.ticks")!.subscriptions
        XCTAssertEqual(rows.map(\.name), ["audit", "billing"])
        XCTAssertEqual(rows[0].backlog, 3)
        XCTAssertEqual(rows[0].consumers, ["w1", "w2"])
        let text = Renderer.render(state).text
        XCTAssertTrue(text.contains("2: w1, w2"), text)
        _ = press(&state, KeyEvent(.escape))
        XCTAssertNil(state.streams.subscriptionsOf)
    }

    // MARK: - Mouse

    func testClickingARowSelectsTheStream() {
        var state = StreamsFixture.state()
        StreamsFixture.shown(&state)
        let rect = Reducer.layout(state).streams
        _ = Reducer.reduce(&state, .input(.mouse(MouseEvent(.press, x: rect.x + 3, y: rect.y + 3))))
        XCTAssertEqual(state.streams.list.selectedItem?.summary.name, "scratch")
    }
}
