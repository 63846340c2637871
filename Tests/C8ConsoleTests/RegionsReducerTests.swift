import C8Client
@testable import C8Console
import C8Core
import XCTest

/// The Regions pane's logic: showing and polling, the link histories, the
/// simulator commands and keys with their errors, switching region, and
/// completing region names.
final class RegionsReducerTests: XCTestCase {
    private func press(_ state: inout AppState, _ keys: KeyEvent...) -> [Effect] {
        keys.flatMap { Reducer.reduce(&state, .input(.key($0))) }
    }

    private func command(_ state: inout AppState, _ text: String) -> [Effect] {
        Reducer.reduce(&state, .command(text))
    }

    /// The one simulator action among `effects`, if that is all they are.
    private func simulated(_ effects: [Effect]) -> SimulatorAction? {
        guard effects.count == 1, case .simulate(let action) = effects[0] else { return nil }
        return action
    }

    // MARK: - Showing and polling

    func testSixAndTheCommandShowThePaneAndPollTwiceASecond() {
        var state = RegionsFixture.state()
        let effects = press(&state, .char("6"))
        XCTAssertEqual(state.focus, .regions)
        XCTAssertTrue(state.regions.shown)
        XCTAssertEqual(state.visiblePanes, [.fabrics, .collections, .regions])
        guard case .pollRegions(1, 0)? = effects.first, effects.count == 1 else { return XCTFail("\(effects)") }
        XCTAssertTrue(command(&state, "regions").isEmpty, "focusing again starts no second chain")

        let next = Reducer.reduce(&state, .completed(.regionsPolled(generation: 1, .success(RegionsFixture.status()))))
        guard case .pollRegions(1, RegionsState.pollInterval)? = next.first else { return XCTFail("\(next)") }
        XCTAssertEqual(RegionsState.pollInterval, 0.5)
        XCTAssertEqual(state.regions.regionNames, RegionsFixture.names)
        XCTAssertEqual(state.pending, 0, "polls never count as pending: the spinner would never stop")
    }

    func testStreamsAndRegionsTakeTurnsInTheMainArea() {
        var state = RegionsFixture.state()
        RegionsFixture.shown(&state)
        _ = press(&state, .char("5"))
        XCTAssertTrue(state.streams.shown)
        XCTAssertFalse(state.regions.shown)
        // The chain ends at its next reply.
        XCTAssertTrue(Reducer.reduce(&state, .completed(.regionsPolled(generation: 1, .success(RegionsFixture.status())))).isEmpty)
        XCTAssertFalse(state.regions.polling)
        _ = press(&state, .char("1"))
        XCTAssertTrue(state.streams.shown, "the left column leaves the main area as it is")
        guard case .pollRegions(2, 0)? = press(&state, .char("6")).first else { return XCTFail("shown again: a new chain") }
        XCTAssertFalse(state.streams.shown)
        _ = press(&state, .char("3"))
        XCTAssertFalse(state.regions.shown)
        XCTAssertEqual(state.visiblePanes, [.fabrics, .collections, .documents, .query])
    }

    func testEachPollAddsASampleToEveryLinkAndCtrlLPollsNow() {
        var state = RegionsFixture.state()
        RegionsFixture.shown(&state, partitioned: true, polls: 3)
        let cut = state.regions.history(from: "us-east", to: "eu-west")
        XCTAssertEqual(cut.lagMs.samples, [500, 1000, 1500])
        XCTAssertEqual(cut.pendingOps.samples, [4, 8, 12])
        XCTAssertEqual(state.regions.history(from: "eu-west", to: "ap-south").lagMs.samples, [123, 123, 123])
        XCTAssertEqual(state.regions.histories.count, 6, "one history per link and direction")
        guard case .pollRegions(2, 0)? = press(&state, .ctrl("l")).first else { return XCTFail("ctrl+l polls now") }
        XCTAssertTrue(Reducer.reduce(&state, .completed(.regionsPolled(generation: 1, .success(RegionsFixture.status())))).isEmpty,
                      "the retired chain's reply is dropped")
    }

    func testRowsAndTheSelectionFollowingItsRow() {
        var state = RegionsFixture.state()
        RegionsFixture.shown(&state)
        XCTAssertEqual(state.regions.rows, [
            .region(0), .noNodes(region: 0), .link(region: 0, link: 0), .link(region: 0, link: 1),
            .region(1), .node(region: 1, node: 0), .node(region: 1, node: 1), .link(region: 1, link: 0), .link(region: 1, link: 1),
            .region(2), .noNodes(region: 2), .link(region: 2, link: 0), .link(region: 2, link: 1), .failure(region: 2),
        ])
        _ = press(&state, .char("G"))
        XCTAssertEqual(state.regions.selectedRow, .failure(region: 2))
        _ = press(&state, .char("k"), .char("k"))
        XCTAssertEqual(state.regions.selectedRow, .link(region: 2, link: 0))
        // us-east gets a node: rows shift down, the selection stays on its link.
        var status = RegionsFixture.status()
        status.regions[0].nodes = [RegionNodeInfo(id: "n1"), RegionNodeInfo(id: "n2")]
        _ = Reducer.reduce(&state, .completed(.regionsPolled(generation: state.regions.pollGeneration, .success(status))))
        XCTAssertEqual(state.regions.selectedRow, .link(region: 2, link: 0))
        XCTAssertEqual(state.regions.cursor.selected, 12)
    }

    func testTheReadAtStartIsQuietAndAPaneSaysAFailureOnce() {
        var state = AppState(endpoint: "memory", readOnly: false, theme: BuiltinTheme.theme, size: (100, 30))
        let start = Reducer.reduce(&state, .start)
        guard case .pollRegions(0, 0)? = start.last else { return XCTFail("\(start)") }
        let denied = C8Error(code: 403, errorNum: 11, message: "not authorized to execute this request")
        XCTAssertTrue(Reducer.reduce(&state, .completed(.regionsPolled(generation: 0, .failure(denied)))).isEmpty)
        XCTAssertNil(state.message, "no simulator (or no admin rights) says nothing until the pane opens")
        XCTAssertFalse(state.regions.polling)

        _ = press(&state, .char("6"))
        _ = Reducer.reduce(&state, .completed(.regionsPolled(generation: 1, .failure(denied))))
        XCTAssertEqual(state.message, .error("[11] not authorized to execute this request"))
        XCTAssertEqual(state.regions.error, "[11] not authorized to execute this request")
        state.message = nil
        let next = Reducer.reduce(&state, .completed(.regionsPolled(generation: 1, .failure(denied))))
        XCTAssertNil(state.message, "the same failure is not repeated twice a second")
        XCTAssertEqual(next.count, 1, "polling goes on: the simulator may come back")
        _ = Reducer.reduce(&state, .completed(.regionsPolled(generation: 1, .success(RegionsFixture.status()))))
        XCTAssertNil(state.regions.error)
    }

    // MARK: - Commands

    func testSimulatorCommands() {
        var state = RegionsFixture.state()
        let cases: [(String, SimulatorAction)] = [
            ("partition us-east eu-west", .partition("us-east", "eu-west")),
            ("heal", .heal(nil)),
            ("heal us-east  eu-west", .heal(("us-east", "eu-west"))),
            ("down ap-south", .regionDown("ap-south")),
            ("up ap-south", .regionUp("ap-south")),
            ("latency eu-west ap-south 150", .latency("eu-west", "ap-south", milliseconds: 150)),
            ("latency eu-west ap-south 12.5", .latency("eu-west", "ap-south", milliseconds: 12.5)),
        ]
        for (text, expected) in cases {
            state.pending = 0
            XCTAssertEqual(simulated(command(&state, text)), expected, text)
            XCTAssertEqual(state.pending, 1, "\(text) shows the spinner until the simulator answers")
        }
    }

    func testBadArgumentsSayWhatTheCommandTakes() {
        var state = RegionsFixture.state()
        let cases = [
            ("partition us-east", ":partition needs two regions: :partition us-east eu-west"),
            ("partition a b c", ":partition needs two regions: :partition us-east eu-west"),
            ("heal us-east", ":heal heals every link, :heal R1 R2 the link between two regions"),
            ("down us-east eu-west", ":down takes one region: :down eu-west"),
            ("up a b", ":up takes one region: :up eu-west"),
            ("latency us-east eu-west", ":latency needs two regions and milliseconds: :latency us-east eu-west 150"),
            ("latency us-east eu-west fast", ":latency needs two regions and milliseconds: :latency us-east eu-west 150"),
            ("latency us-east eu-west nan", ":latency needs two regions and milliseconds: :latency us-east eu-west 150"),
            ("region a b", ":region takes one region: :region eu-west"),
        ]
        for (text, message) in cases {
            XCTAssertTrue(command(&state, text).isEmpty, text)
            XCTAssertEqual(state.message, .error(message), text)
        }
    }

    func testTheConnectionsErrorsShowInTheStatusLine() {
        var state = RegionsFixture.state()
        _ = command(&state, "down mars")
        let unknown = C8Error(code: 404, errorNum: 102024, message: "Datacenter does not exist: mars")
        _ = Reducer.reduce(&state, .completed(.changed(.failure(unknown), reload: .nothing)))
        XCTAssertEqual(state.message, .error("[102024] Datacenter does not exist: mars"))
        XCTAssertEqual(state.pending, 0)

        let sameRegion = C8Error(.badParameter, "a link joins two different regions")
        _ = command(&state, "partition us-east us-east")
        _ = Reducer.reduce(&state, .completed(.changed(.failure(sameRegion), reload: .nothing)))
        XCTAssertEqual(state.message, .error(sameRegion))
    }

    func testDownAndUpWithoutARegionStayTheMoves() {
        var state = RegionsFixture.state()
        RegionsFixture.shown(&state)
        XCTAssertTrue(command(&state, "down").isEmpty)
        XCTAssertEqual(state.regions.cursor.selected, 1, ":down is the down action")
        XCTAssertNil(state.message)
    }

    func testASuccessSaysWhatHappenedAndPollsTheShownPaneNow() {
        var state = RegionsFixture.state()
        RegionsFixture.shown(&state)
        _ = command(&state, "partition us-east eu-west")
        let effects = Reducer.reduce(&state, .completed(.changed(.success(SimulatorAction.partition("us-east", "eu-west").summary), reload: .regions)))
        XCTAssertEqual(state.message, .info("partitioned us-east ↔ eu-west"))
        guard case .pollRegions(2, 0)? = effects.first else { return XCTFail("\(effects)") }
        // Hidden, there is nothing to refresh.
        _ = press(&state, .char("3"))
        XCTAssertTrue(Reducer.reduce(&state, .completed(.changed(.success("healed every link"), reload: .regions))).isEmpty)
    }

    func testSummaries() {
        XCTAssertEqual(SimulatorAction.heal(nil).summary, "healed every link")
        XCTAssertEqual(SimulatorAction.heal(("a", "b")).summary, "healed a ↔ b")
        XCTAssertEqual(SimulatorAction.regionDown("a").summary, "region a is down")
        XCTAssertEqual(SimulatorAction.nodeUp(region: "a", node: "n2").summary, "node n2 of a is up")
        XCTAssertEqual(SimulatorAction.latency("a", "b", milliseconds: 150).summary, "latency a ↔ b is 150 ms")
    }

    // MARK: - Keys on the selection

    func testDAndUActOnTheSelectedRegionNodeOrLink() {
        var state = RegionsFixture.state()
        RegionsFixture.shown(&state)
        XCTAssertEqual(simulated(press(&state, .char("d"))), .regionDown("us-east"))
        XCTAssertEqual(simulated(press(&state, .char("u"))), .regionUp("us-east"))
        _ = press(&state, .char("j"))
        XCTAssertTrue(press(&state, .char("d")).isEmpty)
        XCTAssertEqual(state.message, .error("select a region, a node or a link: d takes it down, u brings it up"))
        _ = press(&state, .char("j"))
        XCTAssertEqual(simulated(press(&state, .char("d"))), .partition("us-east", "eu-west"))
        XCTAssertEqual(simulated(press(&state, .char("u"))), .heal(("us-east", "eu-west")))
        _ = press(&state, .char("j"), .char("j"), .char("j"))
        XCTAssertEqual(state.regions.selectedRow, .node(region: 1, node: 0))
        XCTAssertEqual(simulated(press(&state, .char("d"))), .nodeDown(region: "eu-west", node: "n1"))
        XCTAssertEqual(simulated(press(&state, .char("u"))), .nodeUp(region: "eu-west", node: "n1"))
        // Until nodes are simulated the connection says so, like any error.
        let notYet = C8Error(code: 501, errorNum: 9, message: "storage nodes are not simulated yet")
        _ = Reducer.reduce(&state, .completed(.changed(.failure(notYet), reload: .nothing)))
        XCTAssertEqual(state.message, .error("[9] storage nodes are not simulated yet"))
    }

    func testDAndUElsewhereKeepTheirMeaning() {
        var state = RegionsFixture.state()
        RegionsFixture.shown(&state)
        _ = press(&state, .char("3"))
        XCTAssertTrue(press(&state, .char("u")).isEmpty, "u does nothing outside the Regions pane")
        XCTAssertNil(state.message)
    }

    func testReadOnlyRefusesTheSimulator() {
        var state = RegionsFixture.state(readOnly: true)
        RegionsFixture.shown(&state)
        XCTAssertTrue(command(&state, "partition us-east eu-west").isEmpty)
        XCTAssertEqual(state.message, .error("read-only mode: :partition is not allowed"))
        XCTAssertTrue(press(&state, .char("d")).isEmpty)
        XCTAssertEqual(state.message, .error("read-only mode: take-down is not allowed"))
        XCTAssertFalse(state.actions.visible(in: .pane(.regions), readOnly: true).contains { $0.id == .takeDown })
        guard case .useRegion("eu-west")? = command(&state, "region eu-west").first else { return XCTFail("switching only reads") }
    }

    func testKeysDoNotCollide() {
        let definitions = ActionRegistry.standard.definitions
        for a in definitions {
            for b in definitions where a.id.rawValue < b.id.rawValue {
                let shared = Set(a.keys.map(\.description)).intersection(b.keys.map(\.description))
                // Same key, different scopes is fine unless one is global (it would be shadowed).
                let clash = a.scope == b.scope || a.scope == .global || b.scope == .global
                XCTAssertTrue(shared.isEmpty || !clash || Self.knownOverlaps.contains([a.name, b.name]),
                              "\(a.name) and \(b.name) share \(shared)")
            }
        }
    }

    /// Keys that deliberately mean more than one thing: the Query pane's
    /// history on ↑/↓ at the editor's edges, and its esc cancelling a run.
    private static let knownOverlaps: Set<Set<String>> = [["up", "history-previous"], ["down", "history-next"], ["back", "cancel"]]

    // MARK: - Region switch

    func testRegionSwitchesThenReloadsWhatIsOnScreen() {
        var state = RegionsFixture.state()
        RegionsFixture.shown(&state)
        let effects = command(&state, "region eu-west")
        guard case .useRegion("eu-west")? = effects.first, effects.count == 1 else { return XCTFail("\(effects)") }
        XCTAssertEqual(state.pending, 1)
        let reload = Reducer.reduce(&state, .completed(.regionSwitched(.success("eu-west"))))
        XCTAssertEqual(state.region, "eu-west")
        XCTAssertEqual(state.message, .info("now talking to eu-west"))
        XCTAssertEqual(reload.map { "\($0)".prefix(15) }, ["loadFabrics", "loadCollections", "pollRegions(gen"])
        XCTAssertEqual(state.pending, 2)
    }

    func testRegionSwitchReloadsTheOpenCollectionOrTheStreams() {
        var state = RegionsFixture.state()
        _ = press(&state, KeyEvent(.enter))
        state.pending = 0
        var reload = Reducer.reduce(&state, .completed(.regionSwitched(.success("ap-south"))))
        guard case .loadDocuments(_, "users", nil, false, .replace)? = reload.last else { return XCTFail("\(reload)") }

        StreamsFixture.shown(&state)
        _ = press(&state, KeyEvent(.enter))
        _ = press(&state, .char("1"))
        reload = Reducer.reduce(&state, .completed(.regionSwitched(.success("us-east"))))
        XCTAssertEqual(reload.map { "\($0)".prefix(12) }, ["loadFabrics", "loadCollecti", "closeTail(id", "openTail(top", "pollStreams("])
        XCTAssertEqual(state.focus, .fabrics, "the tail reopens on the new region without taking the focus")
        XCTAssertEqual(state.message, .info("now talking to us-east"))
    }

    func testAnUnknownRegionKeepsTheOldOne() {
        var state = RegionsFixture.state()
        _ = command(&state, "region mars")
        _ = Reducer.reduce(&state, .completed(.regionSwitched(.failure(C8Error(code: 404, errorNum: 102024, message: "Datacenter does not exist: mars")))))
        XCTAssertEqual(state.region, "us-east")
        XCTAssertEqual(state.message, .error("[102024] Datacenter does not exist: mars"))
        XCTAssertEqual(state.pending, 0)
    }

    func testRegionAloneSaysWhichRegion() {
        var state = RegionsFixture.state()
        RegionsFixture.shown(&state)
        XCTAssertTrue(command(&state, "region").isEmpty)
        XCTAssertEqual(state.message, .info("talking to us-east (regions: us-east, eu-west, ap-south); :region NAME switches"))
    }

    // MARK: - Completion

    private func complete(_ state: AppState, _ text: String) -> [String] {
        CommandLine.completions(for: text, state: state)
    }

    func testRegionNamesComplete() {
        var state = RegionsFixture.state()
        _ = Reducer.reduce(&state, .completed(.regionsPolled(generation: 0, .success(RegionsFixture.status()))))
        XCTAssertEqual(complete(state, "partition "), ["partition us-east ", "partition eu-west ", "partition ap-south "])
        XCTAssertEqual(complete(state, "partition us-east "), ["partition us-east eu-west", "partition us-east ap-south"],
                       "the second name is another region")
        XCTAssertEqual(complete(state, "heal e"), ["heal eu-west "])
        XCTAssertEqual(complete(state, "latency us-east a"), ["latency us-east ap-south "], "milliseconds follow")
        XCTAssertEqual(complete(state, "latency us-east ap-south "), [])
        XCTAssertEqual(complete(state, "down a"), ["down ap-south"])
        XCTAssertEqual(complete(state, "region eu"), ["region eu-west"])
        XCTAssertEqual(complete(state, "par"), ["partition "])
        XCTAssertEqual(complete(state, "reg"), ["regions", "region "])
    }

    func testTabCompletesInTheCommandLine() {
        var state = RegionsFixture.state()
        _ = Reducer.reduce(&state, .completed(.regionsPolled(generation: 0, .success(RegionsFixture.status()))))
        _ = press(&state, .char(":"))
        for c in "partition us" { _ = press(&state, .char(c)) }
        _ = press(&state, KeyEvent(.tab))
        for c in "e" { _ = press(&state, .char(c)) }
        _ = press(&state, KeyEvent(.tab))
        XCTAssertEqual(simulated(press(&state, KeyEvent(.enter))), .partition("us-east", "eu-west"))
    }

    func testBeforeTheSimulatorAnswersTheFabricsNameTheRegions() {
        var state = RegionsFixture.state()
        _ = Reducer.reduce(&state, .completed(.fabrics(.success([FabricInfo(name: "geo", isSystem: false, regions: ["us-east", "eu-west"])]))))
        XCTAssertEqual(complete(state, "down "), ["down us-east", "down eu-west"])
    }

    // MARK: - Mouse

    func testAClickSelectsARow() {
        var state = RegionsFixture.state(width: 100, height: 30)
        RegionsFixture.shown(&state)
        let rect = Layout(width: 100, height: 30).regions
        _ = Reducer.reduce(&state, .input(.mouse(MouseEvent(.press, x: rect.x + 4, y: rect.y + 2 + 5))))
        XCTAssertEqual(state.regions.selectedRow, .node(region: 1, node: 0))
    }
}
