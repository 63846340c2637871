import C8Client
@testable import C8Console
import C8Core
import XCTest

/// The Documents pane following what happens elsewhere: counts after
/// writes, the indexes view, load errors, the whole-collection filter, a
/// dropped fabric.
final class DocumentsReducerTests: XCTestCase {
    private let collections = [
        CollectionInfo(name: "users", kind: .document, count: 240),
        CollectionInfo(name: "cities", kind: .document, count: 12),
        CollectionInfo(name: "tc", kind: .document, count: 0),
    ]

    private func loadedState() -> AppState {
        var state = AppState(endpoint: "memory", readOnly: false, theme: BuiltinTheme.theme, size: (100, 30))
        _ = Reducer.reduce(&state, .start)
        _ = Reducer.reduce(&state, .completed(.fabrics(.success([FabricInfo(name: "_system", isSystem: true), FabricInfo(name: "demo", isSystem: false)]))))
        _ = Reducer.reduce(&state, .completed(.collections(fabric: "_system", .success(collections))))
        return state
    }

    private func documents(_ range: Range<Int>, name: String = "Ada") -> [JSON] {
        range.map { JSON.object(["_key": .string(String(format: "k%04d", $0)), "name": .string(name)]) }
    }

    /// Opens `collection` with its first page in.
    private func open(_ state: inout AppState, _ collection: String, _ page: [JSON]) {
        _ = Reducer.reduce(&state, .command("documents \(collection)"))
        _ = Reducer.reduce(&state, .completed(.documents(collection: collection, placement: .replace, descending: false, .success(page))))
    }

    private func counts(_ changes: [String: Int]) -> Completion {
        .collections(fabric: "_system", .success(collections.map { info in
            var info = info
            if let count = changes[info.name] { info.count = count }
            return info
        }))
    }

    private func loadsCollections(_ effects: [Effect]) -> Bool {
        effects.contains { if case .loadCollections = $0 { true } else { false } }
    }

    private func documentLoads(_ effects: [Effect]) -> [(after: String?, placement: Effect.PagePlacement)] {
        effects.compactMap { if case .loadDocuments(_, _, let after, _, let placement) = $0 { (after, placement) } else { nil } }
    }

    // MARK: - Counts

    /// `n`, save: Collections said 241 while the title stayed at 240.
    func testTheTitleCountFollowsADocumentCreated() {
        var state = loadedState()
        open(&state, "users", documents(0..<100))
        let effects = Reducer.reduce(&state, .completed(.changed(.success("document created"), reload: .documents)))
        XCTAssertTrue(loadsCollections(effects))
        XCTAssertEqual(documentLoads(effects).count, 1)
        _ = Reducer.reduce(&state, .completed(counts(["users": 241])))
        XCTAssertEqual(state.documents.total, 241)
        XCTAssertTrue(Renderer.render(state).text.contains("Documents: users (241)"))
    }

    /// `:query FOR i IN 1..50 INSERT {i} INTO tc` left `tc 0` everywhere.
    func testAQueryThatWroteReloadsTheCountsAndTheOpenCollection() {
        var state = loadedState()
        open(&state, "tc", [])
        let wrote = CursorPage(results: [], hasMore: false, cursorId: nil, statistics: ["writesExecuted": 50])
        let effects = Reducer.reduce(&state, .completed(.queryPage(.success(wrote), first: true, elapsed: 1, run: state.query.run)))
        XCTAssertTrue(loadsCollections(effects))
        XCTAssertEqual(documentLoads(effects).count, 1)
        _ = Reducer.reduce(&state, .completed(counts(["tc": 50])))
        XCTAssertEqual(state.documents.total, 50)
        XCTAssertEqual(state.collections.first { $0.name == "tc" }?.count, 50)

        let read = CursorPage(results: [1], hasMore: false, cursorId: nil, statistics: ["writesExecuted": 0])
        XCTAssertFalse(loadsCollections(Reducer.reduce(&state, .completed(.queryPage(.success(read), first: true, elapsed: 1, run: state.query.run)))))
    }

    /// ctrl+l in Documents reloads the count with the rows.
    func testRefreshInDocumentsReloadsTheCountToo() {
        var state = loadedState()
        open(&state, "tc", [])
        XCTAssertTrue(loadsCollections(Reducer.reduce(&state, .input(.key(.ctrl("l"))))))
        _ = Reducer.reduce(&state, .completed(counts(["tc": 50])))
        XCTAssertEqual(state.documents.total, 50)
    }

    func testADroppedCollectionClosesTheDocumentsPane() {
        var state = loadedState()
        open(&state, "cities", documents(0..<12))
        _ = Reducer.reduce(&state, .completed(.collections(fabric: "_system", .success(collections.filter { $0.name != "cities" }))))
        XCTAssertNil(state.documents.collection)
        XCTAssertTrue(state.documents.rows.isEmpty)
    }

    // MARK: - Reloading in place

    /// Deleting the last document used to send the selection to the top.
    func testDeletingTheLastDocumentKeepsTheSelectionNearby() {
        var state = loadedState()
        open(&state, "cities", documents(0..<12))
        _ = Reducer.reduce(&state, .input(.key(.char("G"))))
        XCTAssertEqual(state.documents.selectedDocument?["_key"], "k0011")
        let effects = Reducer.reduce(&state, .completed(.changed(.success("cities/k0011 deleted"), reload: .documents)))
        guard let load = documentLoads(effects).first else { return XCTFail("\(effects)") }
        XCTAssertNil(load.after)
        _ = Reducer.reduce(&state, .completed(.documents(collection: "cities", placement: load.placement, descending: false, .success(documents(0..<11)))))
        XCTAssertEqual(state.documents.selectedDocument?["_key"], "k0010")
    }

    /// A window deep in a big collection reloads from where it starts, not
    /// from the collection's first document.
    func testAReloadDeepInACollectionStaysThere() {
        var state = loadedState()
        open(&state, "users", documents(0..<100))
        _ = Reducer.reduce(&state, .completed(.documents(collection: "users", placement: .append, descending: false, .success(documents(100..<200)))))
        state.documents.cursor.select(150, count: state.documents.rows.count, visible: 20)
        let effects = Reducer.reduce(&state, .completed(.changed(.success("users/k0150 saved"), reload: .documents)))
        guard let load = documentLoads(effects).first else { return XCTFail("\(effects)") }
        guard let after = load.after else { return XCTFail("reloads from the start") }
        XCTAssertLessThan(after, "k0150")
        let start = Int(after.dropFirst())! + 1
        _ = Reducer.reduce(&state, .completed(.documents(collection: "users", placement: load.placement, descending: false, .success(documents(start..<start + 100)))))
        XCTAssertEqual(state.documents.selectedDocument?["_key"], "k0150")
        XCTAssertTrue(state.documents.hasMoreBefore)
    }

    // MARK: - Indexes and errors

    /// `:documents cities`, `2`, select users, `i`, esc showed an empty
    /// "Documents: users" that never loaded.
    func testLeavingTheIndexesShowsTheirCollectionsDocuments() {
        var state = loadedState()
        open(&state, "cities", documents(0..<12))
        _ = Reducer.reduce(&state, .input(.key(.char("2"))))
        state.collectionList.select(id: "users")
        let effects = Reducer.reduce(&state, .input(.key(.char("i"))))
        XCTAssertEqual(state.documents.collection, "users")
        XCTAssertEqual(documentLoads(effects).count, 1)
        XCTAssertTrue(effects.contains { if case .loadIndexes(_, "users") = $0 { true } else { false } })
        _ = Reducer.reduce(&state, .completed(.documents(collection: "users", placement: .replace, descending: false, .success(documents(0..<100)))))
        _ = Reducer.reduce(&state, .completed(.indexes(collection: "users", .success([["name": "primary", "type": "primary"]]))))
        _ = Reducer.reduce(&state, .input(.key(KeyEvent(.escape))))
        guard case .list = state.documents.mode else { return XCTFail("\(state.documents.mode)") }
        XCTAssertEqual(state.documents.rows.count, 100)
        XCTAssertEqual(state.documents.total, 240)
    }

    /// The indexes of the collection already open keep its loaded window.
    func testIndexesOfTheOpenCollectionKeepItsRows() {
        var state = loadedState()
        open(&state, "cities", documents(0..<12))
        let effects = Reducer.reduce(&state, .command("indexes"))
        XCTAssertTrue(documentLoads(effects).isEmpty)
        _ = Reducer.reduce(&state, .input(.key(KeyEvent(.escape))))
        XCTAssertEqual(state.documents.rows.count, 12)
    }

    /// A region that is down showed "no documents — n creates one".
    func testALoadErrorShowsInThePane() {
        var state = loadedState()
        _ = Reducer.reduce(&state, .command("documents users"))
        _ = Reducer.reduce(&state, .completed(.documents(collection: "users", placement: .replace, descending: false,
                                                         .failure(C8Error(.httpServiceUnavailable, "region eu-west is down")))))
        let screen = Renderer.render(state).text
        XCTAssertTrue(screen.contains("region eu-west is down"), screen)
        XCTAssertFalse(screen.contains("no documents"), screen)
        // A page that loads clears it.
        _ = Reducer.reduce(&state, .input(.key(.ctrl("l"))))
        _ = Reducer.reduce(&state, .completed(.documents(collection: "users", placement: .replace, descending: false, .success(documents(0..<3)))))
        XCTAssertNil(state.documents.loadError)
    }

    // MARK: - Fabrics

    /// Dropping the fabric you are in left the console in it (1228 on everything).
    func testDroppingTheCurrentFabricSwitchesToSystem() {
        var state = loadedState()
        _ = Reducer.reduce(&state, .command("fabric demo"))
        _ = Reducer.reduce(&state, .input(.key(.char("1"))))
        let effects = Reducer.reduce(&state, .completed(.fabrics(.success([FabricInfo(name: "_system", isSystem: true)]))))
        XCTAssertEqual(state.fabric, "_system")
        XCTAssertEqual(state.focus, .fabrics)
        XCTAssertEqual(state.selectedFabric?.name, "_system")
        XCTAssertEqual(state.message?.text, "fabric demo is gone: switched to _system")
        XCTAssertTrue(effects.contains { if case .loadCollections("_system") = $0 { true } else { false } })
        // Another fabric dropped: nothing moves.
        XCTAssertTrue(Reducer.reduce(&state, .completed(.fabrics(.success([FabricInfo(name: "_system", isSystem: true)])))).isEmpty)
    }

    // MARK: - Filter

    private func filter(_ state: inout AppState, _ text: String) -> [Effect] {
        var effects = Reducer.reduce(&state, .input(.key(.char("/"))))
        for c in text { effects += Reducer.reduce(&state, .input(.key(.char(c)))) }
        return effects + Reducer.reduce(&state, .input(.key(KeyEvent(.enter))))
    }

    /// Filtering users (240) found 5 of 12 matches: only the loaded pages.
    func testTheFilterSearchesAWholeSmallCollection() {
        var state = loadedState()
        open(&state, "users", documents(0..<100))
        var effects = filter(&state, "Ngozi")
        var pages = 0
        while let load = documentLoads(effects).first {
            XCTAssertTrue(state.documents.filterScope?.hasSuffix("so far, loading…") == true, "\(state.documents.filterScope ?? "")")
            let start = load.after.map { Int($0.dropFirst())! + 1 } ?? 0
            let page = documents(start..<min(240, start + 100), name: "Ngozi")
            effects = Reducer.reduce(&state, .completed(.documents(collection: "users", placement: load.placement, descending: false, .success(page))))
            pages += 1
            XCTAssertLessThan(pages, 5)
        }
        XCTAssertEqual(state.documents.rows.count, 240)
        XCTAssertEqual(state.documents.visibleRows.count, 140)
        XCTAssertEqual(state.documents.filterScope, "140 of 240")
        XCTAssertTrue(Renderer.render(state).text.contains("/Ngozi — 140 of 240"))
    }

    /// After G the window holds the last page: the fill starts over from the first.
    func testTheFilterFillsFromTheStartAfterG() {
        var state = loadedState()
        _ = Reducer.reduce(&state, .command("documents users"))
        _ = Reducer.reduce(&state, .completed(.documents(collection: "users", placement: .replace, descending: true, .success(documents(140..<240).reversed()))))
        let effects = filter(&state, "x")
        guard let load = documentLoads(effects).first else { return XCTFail("\(effects)") }
        XCTAssertNil(load.after)
        XCTAssertEqual(load.placement, .replace)
    }

    /// Too big to load whole: the title says the matches are of the loaded rows.
    func testTheFilterOnABigCollectionSaysItIsPartial() {
        var state = loadedState()
        open(&state, "users", documents(0..<100))
        state.documents.total = DocumentsState.filterLoadLimit + 1
        XCTAssertTrue(documentLoads(filter(&state, "k000")).isEmpty)
        XCTAssertEqual(state.documents.filterScope, "10 of the 100 loaded")
        XCTAssertTrue(Renderer.render(state).text.contains("/k000 — 10 of the 100 loaded"))
    }

    // MARK: - The border's note

    func testTheMoreNoteSaysWhichWay() {
        var documents = DocumentsState()
        documents.rows = self.documents(0..<100)
        // At the last row nothing is below: only what is above is noted.
        documents.hasMoreBefore = true
        XCTAssertEqual(DocumentsPaneRenderer.moreNote(documents, top: 80, rows: 20), " ↑ more ")
        XCTAssertEqual(DocumentsPaneRenderer.moreNote(documents, top: 0, rows: 100), " ↑ more ")
        documents.hasMoreBefore = false
        XCTAssertNil(DocumentsPaneRenderer.moreNote(documents, top: 0, rows: 100))
        XCTAssertEqual(DocumentsPaneRenderer.moreNote(documents, top: 0, rows: 20), " more ↓ ")
        XCTAssertEqual(DocumentsPaneRenderer.moreNote(documents, top: 10, rows: 20), " ↑ more ↓ ")
        // A filtered list of 5 that fits says nothing, whatever is unloaded.
        documents.hasMoreAfter = true
        documents.filter = "k000"
        XCTAssertEqual(documents.visibleRows.count, 10)
        documents.filter = "k0000"
        XCTAssertNil(DocumentsPaneRenderer.moreNote(documents, top: 0, rows: 20))
    }
}
