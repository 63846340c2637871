import C8Client
import C8Core

extension Reducer {
    /// Applies the outcome of an effect.
    static func complete(_ state: inout AppState, _ completion: Completion) -> [Effect] {
        switch completion {
        case .history, .theme, .exported, .edited:
            break
        case .streamsPolled, .tailOpened, .tailMessages, .tailEnded, .messagesFiltered, .regionsPolled:
            // Background work: never counted, or the spinner would never stop.
            break
        default:
            state.pending = max(0, state.pending - 1)
        }
        switch completion {
        case .streamsPolled(let fabric, let generation, let result):
            return streamsPolled(&state, fabric: fabric, generation: generation, result)
        case .tailOpened, .tailMessages, .tailEnded, .messagesFiltered:
            return completeTail(&state, completion)
        case .regionsPolled(let generation, let result):
            return regionsPolled(&state, generation: generation, result)
        case .regionSwitched(let result):
            return regionSwitched(&state, result)
        case .fabrics(.success(let fabrics)):
            state.fabricList.items = fabrics.map(FabricItem.init)
            state.fabricList.select(id: state.fabric)
            clampCursors(&state)
        case .collections(let fabric, .success(let collections)):
            guard fabric == state.fabric else { return [] }
            // The list keeps the selected item across a refresh (ListView).
            state.collectionList.items = collections.filter { !$0.isSystem }.map(CollectionItem.init)
            clampCursors(&state)
        case .documents(let collection, let placement, let descending, .success(let page)):
            guard collection == state.documents.collection else { return [] }
            placeDocuments(&state, page, placement: placement, descending: descending)
        case .indexes(let collection, .success(let indexes)):
            guard collection == state.documents.collection else { return [] }
            state.documents.mode = .indexes(indexes, SelectionCursor())
        case .queryPage(let result, let first, _, let run) where run != state.query.run:
            // An overtaken run: its rows are not shown, its cursor is freed.
            if first, case .success(let page) = result, let cursor = page.cursorId { return [.closeCursor(cursor, fabric: state.fabric)] }
        case .queryPage(.success(let page), let first, let elapsed, _):
            if first { state.query.elapsed = elapsed }
            state.query.running = false
            showResults(&state, page, first: first)
            // A success clears the status of an earlier failure; a saved
            // query says which one the rows come from.
            if first { state.message = state.query.savedQuery.map { .info("saved query \($0): \(state.query.rowCount)") } }
        case .queryPage(.failure(let error), _, _, _):
            state.query.running = false
            let text = (state.query.savedQuery.map { "saved query \($0): " } ?? "") + StatusMessage.error(error).text
            state.query.error = text
            state.message = .error(text)
        case .explained(.success(let plan)):
            state.query.explain = JSONView(value: plan)
            state.focus = .query
            state.message = nil
        case .savedQueries(.success(let queries)):
            state.overlay = .savedQueries(queries, SelectionCursor())
        case .changed(.success(let summary), let reload):
            state.message = .info(summary)
            return reloadEffects(&state, reload)
        case .edited(let text, let key, let rev, let error):
            if let error {
                state.message = .error(error)
            } else if let text {
                // Back from $EDITOR: validate like the inline editor does.
                state.documents.mode = .edit(TextEditor(text: text), key: key, rev: rev)
                return handleDocumentEditorKey(&state, .ctrl("s"))
            }
        case .exported(.success(let summary)):
            state.message = .info(summary)
        case .history(let fabric, let entries):
            if fabric == state.fabric { state.query.history = entries }
        case .theme(.success(let theme)):
            state.theme = theme
            state.message = .info("theme \(theme.name)")
        case .theme(.failure(let error)):
            state.message = .error(error.description)
        case .fabrics(.failure(let error)), .collections(_, .failure(let error)), .indexes(_, .failure(let error)),
             .explained(.failure(let error)), .savedQueries(.failure(let error)), .changed(.failure(let error), _),
             .exported(.failure(let error)):
            state.message = .error(error)
        case .documents(let collection, _, _, .failure(let error)):
            if collection == state.documents.collection { state.documents.loading = false }
            state.message = .error(error)
        }
        return []
    }

    static func reloadEffects(_ state: inout AppState, _ reload: Completion.Reload) -> [Effect] {
        switch reload {
        case .fabrics:
            state.pending += 1
            return [.loadFabrics]
        case .collections:
            state.pending += 1
            return [.loadCollections(fabric: state.fabric)]
        case .documents:
            if state.documents.isEditing { state.documents.mode = .list }
            guard let collection = state.documents.collection else { return [] }
            state.pending += 2
            return [.loadCollections(fabric: state.fabric),
                    .loadDocuments(fabric: state.fabric, collection: collection, after: nil, descending: false, placement: .replace)]
        case .indexes:
            guard let collection = state.documents.collection else { return [] }
            state.pending += 1
            return [.loadIndexes(fabric: state.fabric, collection: collection)]
        case .regions:
            return state.regions.shown ? restartRegionsPoll(&state) : []
        case .savedQueries, .nothing:
            return []
        }
    }

    // MARK: - Mouse

    /// A click focuses the pane under it and selects the row; the wheel
    /// scrolls the pane under the pointer.
    static func handleMouse(_ state: inout AppState, _ mouse: MouseEvent) -> [Effect] {
        guard state.overlay == nil, !state.isTooSmall else { return [] }
        let layout = layout(state)
        guard let pane = state.visiblePanes.first(where: { layout.rect(of: $0).contains(x: mouse.x, y: mouse.y) }) else { return [] }
        switch mouse.kind {
        case .wheelUp, .wheelDown:
            let previous = state.focus
            state.focus = pane
            let effects = move(&state, mouse.kind == .wheelUp ? .moveUp : .moveDown)
            state.focus = previous
            return effects
        case .press:
            state.focus = pane
            let rect = layout.rect(of: pane)
            let headerRows = pane.hasHeaderRow ? 2 : 1  // border (+ the header row)
            let row = mouse.y - rect.y - headerRows
            guard row >= 0 else { return [] }
            switch pane {
            case .fabrics:
                state.fabricList.layout(in: listRect(layout, .fabrics))
                let visible = state.fabricList.visibleItems
                let top = state.fabricList.selection.firstVisible(rows: state.fabricList.visibleRows, count: visible.count)
                if visible.indices.contains(top + row) { state.fabricList.select(id: visible[top + row].id) }
            case .collections:
                state.collectionList.layout(in: listRect(layout, .collections))
                let visible = state.collectionList.visibleItems
                let top = state.collectionList.selection.firstVisible(rows: state.collectionList.visibleRows, count: visible.count)
                if visible.indices.contains(top + row) { state.collectionList.select(id: visible[top + row].id) }
            case .documents:
                if case .list = state.documents.mode {
                    let count = state.documents.visibleRows.count
                    let top = state.documents.cursor.firstVisible(rows: layout.listRows(.documents), count: count)
                    state.documents.cursor.select(top + row, count: count, visible: layout.listRows(.documents))
                }
            case .streams:
                guard state.streams.tail == nil, state.streams.subscriptionsOf == nil else { break }
                state.streams.list.layout(in: listRect(layout, .streams).splitTop(1).bottom)
                let visible = state.streams.list.visibleItems
                let top = state.streams.list.selection.firstVisible(rows: state.streams.list.visibleRows, count: visible.count)
                if visible.indices.contains(top + row) { state.streams.list.select(id: visible[top + row].id) }
            case .regions:
                let count = state.regions.rows.count
                let visible = layout.listRows(.regions)
                let top = state.regions.cursor.firstVisible(rows: visible, count: count)
                if top + row < count { state.regions.cursor.select(top + row, count: count, visible: visible) }
            case .query:
                break
            }
        case .release:
            break
        }
        return []
    }
}
