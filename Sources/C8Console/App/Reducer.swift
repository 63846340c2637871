import C8Client
import C8Core

/// The console's logic: an action changes the state and asks for effects.
/// Pure — everything it needs is in the state and the action — so every
/// behaviour is testable without a terminal or a connection.
public enum Reducer {
    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        // A message is news until the user's next key or click (`edit
        // cancelled` stayed for minutes); an error stays until something
        // succeeds or esc clears it.
        if isUserAction(action), state.message?.isError == false { state.message = nil }
        let effects = reduceAction(&state, action)
        return effects + syncMainArea(&state)
    }

    /// Called after every action: focusing Documents, Query, Streams or
    /// Regions puts that view in the main area (Fabrics and Collections
    /// leave it as it is), and a shown Streams or Regions pane always has
    /// its poll chain running.
    static func syncMainArea(_ state: inout AppState) -> [Effect] {
        switch state.focus {
        case .documents, .query, .streams, .regions:
            state.streams.shown = state.focus == .streams
            state.regions.shown = state.focus == .regions
        case .fabrics, .collections:
            break
        }
        return keepStreamsPolled(&state) + keepRegionsPolled(&state)
    }

    static func isUserAction(_ action: Action) -> Bool {
        switch action {
        case .input(.key): true
        case .input(.mouse(let mouse)): mouse.kind == .press
        default: false
        }
    }

    static func reduceAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .start:
            state.pending += 2
            // The simulator's status once, in the background: region names
            // for completing `:partition` and friends before the pane opens.
            return [.loadFabrics, .loadCollections(fabric: state.fabric), .loadHistory(fabric: state.fabric),
                    .pollRegions(generation: 0, delay: 0)]
        case .command(let text):
            return runCommand(&state, text)
        case .completed(let completion):
            return complete(&state, reloadingInPlace(completion)) + followCompletion(&state, completion)
        case .input(.resize(let width, let height)):
            state.size = (width, height)
            clampCursors(&state)
            return []
        case .input(.mouse(let mouse)):
            return handleMouse(&state, mouse)
        case .input(.key(let key)):
            return handleKey(&state, key)
        }
    }

    static func layout(_ state: AppState) -> Layout {
        Layout(width: state.size.width, height: state.size.height)
    }

    // MARK: - Keys

    static func handleKey(_ state: inout AppState, _ key: KeyEvent) -> [Effect] {
        if key == .ctrl("c") {
            state.quit = true
            return closeOnQuit(&state)
        }
        if state.isTooSmall {
            if key == .char("q") { state.quit = true }
            return []
        }
        if state.overlay != nil { return handleOverlayKey(&state, key) }
        if let effects = handleFilterKey(&state, key) { return effects }
        switch state.focus {
        case .query:
            if let effects = handleQueryEditorKey(&state, key) { return effects }
        case .documents:
            if state.documents.isEditing { return handleDocumentEditorKey(&state, key) }
        default:
            break
        }
        let scope: ActionDefinition.Scope
        if state.focus == .documents, case .indexes = state.documents.mode { scope = .indexes } else { scope = .pane(state.focus) }
        guard let action = state.actions.action(for: key, in: scope, readOnly: state.readOnly) else {
            // Say why a key that changes data does nothing in read-only mode.
            if state.readOnly, let blocked = state.actions.action(for: key, in: scope, readOnly: false) {
                return perform(&state, blocked)
            }
            return []
        }
        return perform(&state, action)
    }

    /// Runs a registered action.
    static func perform(_ state: inout AppState, _ action: ActionID) -> [Effect] {
        if state.readOnly && state.actions.definition(action).mutates {
            state.message = .error("read-only mode: \(state.actions.definition(action).name) is not allowed")
            return []
        }
        switch action {
        case .quit:
            state.quit = true
            return closeOnQuit(&state)
        case .help:
            state.overlay = .help(scroll: 0)
        case .commandLine:
            state.overlay = .commandLine(CommandLineState())
        case .filter:
            startFilter(&state)
        case .nextPane:
            state.focus = state.focus.next(in: state.visiblePanes)
        case .previousPane:
            state.focus = state.focus.previous(in: state.visiblePanes)
        case .focusFabrics: state.focus = .fabrics
        case .focusCollections: state.focus = .collections
        case .focusDocuments: state.focus = .documents
        case .focusQuery: state.focus = .query
        case .focusStreams: state.focus = .streams
        case .focusRegions: state.focus = .regions
        case .takeDown, .bringUp:
            return performRegionAction(&state, down: action == .takeDown)
        case .togglePause, .replayStream, .publishMessage, .showSubscriptions:
            return performStreamAction(&state, action)
        case .back:
            return back(&state)
        case .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom:
            return move(&state, action)
        case .scrollLeft, .scrollRight:
            scroll(&state, right: action == .scrollRight)
        case .open:
            return open(&state)
        case .toggleFold, .expandAll, .collapseAll:
            foldDocumentView(&state, action)
        case .refresh:
            return refresh(&state)
        default:
            return performPaneAction(&state, action)
        }
        return []
    }

    static func back(_ state: inout AppState) -> [Effect] {
        if state.focus == .streams, let effects = backInStreams(&state) { return effects }
        if state.focus == .documents {
            switch state.documents.mode {
            case .list: break
            default:
                state.documents.mode = .list
                return []
            }
        }
        if state.focus == .query, state.query.explain != nil {
            state.query.explain = nil
            return []
        }
        state.message = nil
        return []
    }

    static func refresh(_ state: inout AppState) -> [Effect] {
        switch state.focus {
        case .streams: return restartStreamsPoll(&state)
        case .regions: return restartRegionsPoll(&state)
        case .fabrics: return [.loadFabrics]
        case .collections: return [.loadCollections(fabric: state.fabric)]
        case .documents:
            guard let collection = state.documents.collection else { return [] }
            if case .indexes = state.documents.mode { return [.loadIndexes(fabric: state.fabric, collection: collection)] }
            return reloadDocuments(&state)
        case .query: return []
        }
    }

    /// What quitting must release: the query's cursor and the open tail.
    static func closeOnQuit(_ state: inout AppState) -> [Effect] {
        closeQueryCursor(state) + closeTail(&state)
    }

    static func closeQueryCursor(_ state: AppState) -> [Effect] {
        guard let cursor = state.query.cursorId else { return [] }
        return [.closeCursor(cursor, fabric: state.fabric)]
    }

    // MARK: - Lists

    static func startFilter(_ state: inout AppState) {
        // The editor takes `/` as text; the Regions pane shows every region.
        guard state.focus != .query, state.focus != .regions else { return }
        state.filterEditing = state.focus
    }

    /// Typing into the focused list's filter: the list narrows as you type;
    /// enter keeps the filter, esc clears it (also when it was kept).
    static func handleFilterKey(_ state: inout AppState, _ key: KeyEvent) -> [Effect]? {
        guard let pane = state.filterEditing ?? (key.key == .escape && !filterText(state, state.focus).isEmpty ? state.focus : nil) else {
            return nil
        }
        var text = filterText(state, pane)
        switch key.key {
        case .escape:
            text = ""
            state.filterEditing = nil
        case .enter:
            state.filterEditing = nil
        case .backspace:
            if !text.isEmpty { text.removeLast() }
        case .character(let c) where key.modifiers.isEmpty || key.modifiers == .shift:
            text.append(c)
        default:
            return []
        }
        var effects: [Effect] = []
        switch pane {
        case .fabrics: state.fabricList.filter = text
        case .collections: state.collectionList.filter = text
        case .documents:
            state.documents.filter = text
            state.documents.cursor = SelectionCursor()
            effects = fillForFilter(&state)
        case .streams: setStreamsFilter(&state, text)
        case .query, .regions: break
        }
        clampCursors(&state)
        return effects
    }

    static func filterText(_ state: AppState, _ pane: PaneID) -> String {
        switch pane {
        case .fabrics: state.fabricList.filter
        case .collections: state.collectionList.filter
        case .documents: state.documents.filter
        case .streams: streamsFilterText(state)
        case .query, .regions: ""
        }
    }

    /// Tells the widgets how big they are drawn, so moves page correctly.
    static func clampCursors(_ state: inout AppState) {
        let layout = layout(state)
        state.fabricList.layout(in: listRect(layout, .fabrics))
        state.collectionList.layout(in: listRect(layout, .collections))
        state.documents.cursor.clamp(count: state.documents.visibleRows.count, visible: layout.listRows(.documents))
        state.streams.list.layout(in: listRect(layout, .streams).splitTop(1).bottom)
        state.regions.cursor.clamp(count: state.regions.rows.count, visible: layout.listRows(.regions))
    }

    /// The rows a pane's list occupies inside its border.
    static func listRect(_ layout: Layout, _ pane: PaneID) -> Rect {
        layout.rect(of: pane).inset(by: 1)
    }

    static func move(_ state: inout AppState, _ action: ActionID) -> [Effect] {
        let move: SelectionMove = switch action {
        case .moveUp: .up
        case .moveDown: .down
        case .pageUp: .halfPageUp
        case .pageDown: .halfPageDown
        case .top: .first
        default: .last
        }
        let layout = layout(state)
        switch state.focus {
        case .fabrics:
            state.fabricList.layout(in: listRect(layout, .fabrics))
            state.fabricList.move(move)
        case .collections:
            state.collectionList.layout(in: listRect(layout, .collections))
            state.collectionList.move(move)
        case .documents:
            return moveInDocuments(&state, move)
        case .query:
            moveInResults(&state, move)
            return fetchMoreResultsIfNeeded(state)
        case .streams:
            moveInStreams(&state, move)
        case .regions:
            state.regions.cursor.apply(move, count: state.regions.rows.count, visible: layout.listRows(.regions))
        }
        return []
    }

    static func scroll(_ state: inout AppState, right: Bool) {
        switch state.focus {
        case .documents:
            if case .view(var view) = state.documents.mode {
                _ = view.handle(KeyEvent(right ? .right : .left))
                state.documents.mode = .view(view)
            } else {
                state.documents.horizontalOffset = max(0, state.documents.horizontalOffset + (right ? 8 : -8))
            }
        case .query:
            if state.query.resultView == .table {
                _ = state.query.table.handle(KeyEvent(right ? .right : .left))
            } else {
                _ = state.query.json.handle(KeyEvent(right ? .right : .left))
            }
        default:
            break
        }
    }

    static func open(_ state: inout AppState) -> [Effect] {
        switch state.focus {
        case .fabrics:
            guard let fabric = state.selectedFabric else { return [] }
            return switchFabric(&state, fabric.name)
        case .collections:
            guard let collection = state.selectedCollection else { return [] }
            return openCollection(&state, collection.name)
        case .documents:
            switch state.documents.mode {
            case .list:
                guard let document = state.documents.selectedDocument else { return [] }
                state.documents.mode = .view(JSONView(value: document))
            case .view(var view):
                _ = view.handle(KeyEvent(.enter))
                state.documents.mode = .view(view)
            default:
                break
            }
            return []
        case .query, .regions:
            return []
        case .streams:
            return openInStreams(&state)
        }
    }

    static func switchFabric(_ state: inout AppState, _ name: String) -> [Effect] {
        var effects = closeQueryCursor(state)
        state.fabric = name
        state.collectionList.items = []
        state.documents = DocumentsState()
        state.query.results = []
        state.query.cursorId = nil
        state.query.lastRun = nil
        state.focus = .collections
        state.message = .info("fabric \(name)")
        state.pending += 1
        effects += [.loadCollections(fabric: name), .loadHistory(fabric: name)]
        effects += resetStreams(&state)
        return effects
    }

    static func openCollection(_ state: inout AppState, _ name: String) -> [Effect] {
        state.documents = DocumentsState()
        state.documents.collection = name
        state.documents.loading = true
        state.documents.total = state.collections.first { $0.name == name }?.count
        state.focus = .documents
        state.pending += 1
        return [.loadDocuments(fabric: state.fabric, collection: name, after: nil, descending: false, placement: .replace)]
    }
}
