import C8Client
@testable import C8Console
import C8Core
import Foundation
import XCTest

/// Golden screens of the Regions pane, the region in the status bar, and
/// the real loop over the embedded three-region federation.
final class RegionsScreenTests: XCTestCase {
    /// us-east ↔ eu-west cut for four polls: its lag and backlog climbing.
    private func paneState(width: Int, height: Int) -> AppState {
        var state = RegionsFixture.state(width: width, height: height)
        RegionsFixture.shown(&state, partitioned: true, polls: 4)
        state.message = nil
        return state
    }

    func testPaneAt80x24() {
        assertSnapshot(Renderer.render(paneState(width: 80, height: 24)), named: "regions-80x24")
    }

    func testPaneAt140x40() {
        let screen = Renderer.render(paneState(width: 140, height: 40))
        let text = screen.text
        let cutLink = text.split(separator: "\n").first { $0.contains("→ eu-west") && $0.contains("80 ms") } ?? ""
        XCTAssertTrue(cutLink.contains("✂ partitioned"), "\(cutLink)")
        XCTAssertTrue(cutLink.contains("▃▅▆█  2000 ms"), "lag climbed over four polls, 2 s now: \(cutLink)")
        XCTAssertTrue(cutLink.contains("▃▅▆█     16"), "and so did the pending operations, 16 now: \(cutLink)")
        XCTAssertTrue(text.contains("no storage nodes simulated"))
        XCTAssertTrue(text.contains("node n1") && text.contains("leads 64 shards"))
        XCTAssertTrue(text.contains("○ down"))
        XCTAssertTrue(text.contains("★ spot"))
        XCTAssertTrue(text.contains("conflicts resolved 2"))
        XCTAssertTrue(text.contains("apply failures 3"))
        XCTAssertTrue(text.contains("last apply failure: unique constraint violated in users"))
        XCTAssertTrue(text.contains("region down"), "links into a region that is down say so")
        XCTAssertTrue(text.contains("d take-down") && text.contains("u bring-up"), "the hint line shows the pane's keys")
        assertSnapshot(screen, named: "regions-140x40")
    }

    func testLoadingAndAnUnavailableSimulator() {
        var state = RegionsFixture.state()
        _ = Reducer.reduce(&state, .input(.key(.char("6"))))
        XCTAssertTrue(Renderer.render(state).text.contains("loading…"))
        let denied = C8Error(code: 403, errorNum: 11, message: "not authorized to execute this request")
        _ = Reducer.reduce(&state, .completed(.regionsPolled(generation: 1, .failure(denied))))
        XCTAssertTrue(Renderer.render(state).text.contains("│ [11] not authorized to execute this request"))
        _ = Reducer.reduce(&state, .completed(.regionsPolled(generation: 1, .success(RegionsFixture.status()))))
        _ = Reducer.reduce(&state, .completed(.regionsPolled(generation: 1, .failure(denied))))
        XCTAssertTrue(Renderer.render(state).text.contains("Regions (3) — [11] not authorized"), "the last status stays, marked")
    }

    func testStatusBarShowsTheRegion() {
        var state = RegionsFixture.state()
        XCTAssertTrue(statusLine(state).contains("│ fabric _system │ region us-east "), statusLine(state))
        _ = Reducer.reduce(&state, .completed(.regionSwitched(.success("eu-west"))))
        state.pending = 0
        XCTAssertTrue(statusLine(state).contains("│ region eu-west  now talking to eu-west"), "the region, then the message: \(statusLine(state))")
        state.region = ""
        state.message = nil
        XCTAssertFalse(statusLine(state).contains("region"), "a connection without regions names none")
    }

    private func statusLine(_ state: AppState) -> String {
        Renderer.render(state).text(row: Layout(width: state.size.width, height: state.size.height).status.y)
    }

    func testHelpListsTheRegionKeysAndCommands() {
        var state = paneState(width: 100, height: 60)
        state.overlay = .help(scroll: 0)
        let lines = HelpPage.entries(state).map { $0.key + " " + $0.text }
        XCTAssertTrue(lines.contains { $0.hasPrefix("6 ") && $0.contains("Regions") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("d ") && $0.contains("(:take-down)") })
        XCTAssertTrue(lines.contains { $0.hasPrefix("u ") && $0.contains("(:bring-up)") })
        for command in [":partition R1 R2", ":heal [R1 R2]", ":down R", ":up R", ":latency R1 R2 MS", ":region [NAME]", ":regions"] {
            XCTAssertTrue(lines.contains { $0.hasPrefix(command + " ") }, command)
        }
    }

    /// A pane of many regions with full histories draws within the frame budget.
    func testFrameStaysWithinBudget() {
        var state = RegionsFixture.state(width: 200, height: 60)
        _ = Reducer.reduce(&state, .input(.key(.char("6"))))
        let names = (0..<12).map { "region-\($0)" }
        let status = SimulatorStatus(regions: names.map { name in
            RegionInfo(name: name, nodes: (1...3).map { RegionNodeInfo(id: "n\($0)", shardsLed: 21) },
                       links: names.filter { $0 != name }.map { RegionLinkInfo(to: $0, latencyMs: 80, lagMs: 90, pendingOps: 3) })
        })
        for _ in 0..<RateHistory.limit {
            _ = Reducer.reduce(&state, .completed(.regionsPolled(generation: state.regions.pollGeneration, .success(status))))
        }
        assertFramesAreQuick(state)
    }

    // MARK: - The real loop

    private func line(_ terminal: MemoryTerminal, from region: String, to other: String) -> String {
        // A link row sits under its region's heading: find the heading, then the row.
        let lines = (terminal.screen?.text ?? "").split(separator: "\n").map(String.init)
        guard let heading = lines.firstIndex(where: { $0.contains("│ \(region) ") }) else { return "" }
        return lines[heading...].first { $0.contains("→ \(other) ") } ?? ""
    }

    func testPartitionHealAndSwitchRegionOverTheEmbeddedFederation() async throws {
        let connection = try EmbeddedConnection.inMemory()
        defer { connection.close() }
        let terminal = MemoryTerminal(width: 140, height: 40)
        let state = AppState(endpoint: connection.endpoint, readOnly: false, theme: BuiltinTheme.theme, size: (140, 40))
        let app = ConsoleApp(state: state, terminal: terminal, runner: EffectRunner(connection: connection, historyDirectory: nil, themes: ThemeCatalog(directories: [])))
        XCTAssertEqual(app.state.region, "us-east", "the connection names its region")
        app.dispatch(.start)
        app.settle()
        terminal.send(.key(.char("6")))
        XCTAssertTrue(waitUntil(app, terminal) { $0.contains("Regions (3)") && $0.contains("ap-south") }, terminal.screen?.text ?? "")
        XCTAssertTrue(line(terminal, from: "us-east", to: "eu-west").contains("linked"), line(terminal, from: "us-east", to: "eu-west"))

        app.dispatch(.command("partition us-east eu-west"))
        XCTAssertTrue(waitUntil(app, terminal) { _ in self.line(terminal, from: "us-east", to: "eu-west").contains("✂ partitioned") },
                      terminal.screen?.text ?? "")
        XCTAssertTrue(line(terminal, from: "eu-west", to: "us-east").contains("✂ partitioned"), "cut both ways")
        XCTAssertTrue(line(terminal, from: "us-east", to: "ap-south").contains("linked"))
        XCTAssertEqual(app.state.message, .info("partitioned us-east ↔ eu-west"))

        app.dispatch(.command("heal"))
        XCTAssertTrue(waitUntil(app, terminal) { _ in self.line(terminal, from: "us-east", to: "eu-west").contains("linked") },
                      terminal.screen?.text ?? "")

        app.dispatch(.command("latency us-east eu-west 150"))
        XCTAssertTrue(waitUntil(app, terminal) { _ in self.line(terminal, from: "us-east", to: "eu-west").contains("150 ms") },
                      terminal.screen?.text ?? "")

        app.dispatch(.command("down mars"))
        XCTAssertTrue(waitUntil(app, terminal) { _ in app.state.message?.isError == true }, app.state.message?.text ?? "")
        XCTAssertTrue(app.state.message?.text.contains("102024") == true, app.state.message?.text ?? "")

        app.dispatch(.command("region eu-west"))
        XCTAssertTrue(waitUntil(app, terminal) { $0.contains("│ region eu-west ") }, terminal.screen?.text ?? "")
        XCTAssertEqual(connection.region, "eu-west")
        app.dispatch(.command("region mars"))
        XCTAssertTrue(waitUntil(app, terminal) { _ in app.state.message?.isError == true }, app.state.message?.text ?? "")
        XCTAssertEqual(app.state.region, "eu-west")
    }

    /// A node the simulator refuses (unknown, or nodes not simulated yet):
    /// its own error, word for word, in the status line.
    func testANodeTheSimulatorRefusesShowsItsError() async throws {
        let connection = try EmbeddedConnection.inMemory()
        defer { connection.close() }
        let action = SimulatorAction.nodeDown(region: "us-east", node: "no-such-node")
        var expected: C8Error?
        do { try await connection.simulate(action) } catch { expected = error }
        let refusal = try XCTUnwrap(expected)

        let runner = EffectRunner(connection: connection, historyDirectory: nil, themes: ThemeCatalog(directories: []))
        let answer = Mailbox<Completion>()
        let done = expectation(description: "the simulator answered")
        runner.run(.simulate(action)) { answer.post($0); done.fulfill() }
        await fulfillment(of: [done], timeout: 10)
        var state = RegionsFixture.state()
        for completion in answer.drain() { _ = Reducer.reduce(&state, .completed(completion)) }
        XCTAssertEqual(state.message, .error(refusal))
    }
}
