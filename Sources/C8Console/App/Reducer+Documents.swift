import C8Client
import C8Core

extension Reducer {
    /// Moves in the Documents pane: in the list, paging documents in and out
    /// of the loaded window as the selection nears its ends.
    static func moveInDocuments(_ state: inout AppState, _ move: SelectionMove) -> [Effect] {
        let rows = layout(state).listRows(.documents)
        switch state.documents.mode {
        case .view(var view):
            _ = view.handle(keyFor(move))
            state.documents.mode = .view(view)
            return []
        case .indexes(let indexes, var cursor):
            cursor.apply(move, count: indexes.count, visible: rows)
            state.documents.mode = .indexes(indexes, cursor)
            return []
        case .edit:
            return []
        case .list:
            break
        }
        guard let collection = state.documents.collection else { return [] }
        let documents = state.documents
        // g and G jump to the ends of the whole collection, not of the window.
        if move == .first && documents.hasMoreBefore {
            state.documents.loading = true
            return [.loadDocuments(fabric: state.fabric, collection: collection, after: nil, descending: false, placement: .replace)]
        }
        if move == .last && documents.hasMoreAfter {
            state.documents.loading = true
            return [.loadDocuments(fabric: state.fabric, collection: collection, after: nil, descending: true, placement: .replace)]
        }
        state.documents.cursor.apply(move, count: documents.visibleRows.count, visible: rows)
        guard !documents.loading, documents.filter.isEmpty else { return [] }
        let selected = state.documents.cursor.selected
        if documents.hasMoreAfter && selected >= documents.rows.count - rows {
            state.documents.loading = true
            return [.loadDocuments(fabric: state.fabric, collection: collection, after: documents.rows.last?["_key"].stringValue, descending: false, placement: .append)]
        }
        if documents.hasMoreBefore && selected < rows {
            state.documents.loading = true
            return [.loadDocuments(fabric: state.fabric, collection: collection, after: documents.rows.first?["_key"].stringValue, descending: true, placement: .prepend)]
        }
        return []
    }

    static func keyFor(_ move: SelectionMove) -> KeyEvent {
        switch move {
        case .up: KeyEvent(.up)
        case .down: KeyEvent(.down)
        case .pageUp: KeyEvent(.pageUp)
        case .pageDown: KeyEvent(.pageDown)
        case .halfPageUp: .ctrl("u")
        case .halfPageDown: .ctrl("d")
        case .first: KeyEvent(.home)
        case .last: KeyEvent(.end)
        }
    }

    /// Puts a page of documents into the window, keeping at most
    /// ``DocumentsState/windowCapacity`` rows (memory stays flat however far
    /// the user scrolls).
    static func placeDocuments(_ state: inout AppState, _ page: [JSON], placement: Effect.PagePlacement, descending: Bool) {
        let rowsVisible = layout(state).listRows(.documents)
        var documents = state.documents
        let full = page.count >= DocumentsState.pageSize
        let ordered = descending ? page.reversed() : page
        switch placement {
        case .replace:
            documents.rows = Array(ordered)
            documents.hasMoreAfter = descending ? false : full
            documents.hasMoreBefore = descending ? full : false
            documents.cursor = SelectionCursor()
            documents.cursor.select(descending ? documents.rows.count - 1 : 0, count: documents.rows.count, visible: rowsVisible)
        case .append:
            let selectedKey = documents.selectedDocument?["_key"]
            documents.rows += ordered
            documents.hasMoreAfter = full
            if documents.rows.count > documents.windowCapacity {
                documents.rows.removeFirst(documents.rows.count - documents.windowCapacity)
                documents.hasMoreBefore = true
            }
            let index = documents.rows.firstIndex { $0["_key"] == selectedKey } ?? 0
            documents.cursor.select(index, count: documents.rows.count, visible: rowsVisible)
        case .prepend:
            let selectedKey = documents.selectedDocument?["_key"]
            documents.rows = Array(ordered) + documents.rows
            documents.hasMoreBefore = full
            if documents.rows.count > documents.windowCapacity {
                documents.rows.removeLast(documents.rows.count - documents.windowCapacity)
                documents.hasMoreAfter = true
            }
            let index = documents.rows.firstIndex { $0["_key"] == selectedKey } ?? 0
            documents.cursor.select(index, count: documents.rows.count, visible: rowsVisible)
        case .reload(let fromStart, let selectedKey, let index):
            documents.rows = page
            documents.hasMoreBefore = !fromStart
            documents.hasMoreAfter = full
            let visible = documents.visibleRows
            let row = visible.firstIndex { $0["_key"].stringValue == selectedKey } ?? documents.visibleIndex(nearRow: index)
            documents.cursor.select(row, count: visible.count, visible: rowsVisible)
        }
        documents.loading = false
        state.documents = documents
    }

    /// After a write (a document saved or deleted, a truncate, a query that
    /// wrote) or ctrl+l: the collection counts, and the open collection's
    /// window where it is, so the title's count follows and the selection
    /// stays.
    static func reloadDocuments(_ state: inout AppState) -> [Effect] {
        state.pending += 1
        return [.loadCollections(fabric: state.fabric)] + reloadWindow(&state)
    }

    /// Reloads the loaded window from about a screen above the selection.
    static func reloadWindow(_ state: inout AppState) -> [Effect] {
        let documents = state.documents
        guard let collection = documents.collection else { return [] }
        let selectedKey = documents.selectedDocument?["_key"].stringValue
        let selectedRow = documents.rows.firstIndex { $0["_key"].stringValue == selectedKey } ?? 0
        let first = max(0, selectedRow - layout(state).listRows(.documents))
        // A window that starts at the collection's first document reloads
        // from it; any other starts after the key before its first row kept.
        let fromStart = documents.rows.isEmpty || (first == 0 && !documents.hasMoreBefore)
        let start = fromStart ? 0 : max(1, first)
        let after = fromStart ? nil : documents.rows[start - 1]["_key"].stringValue
        state.documents.loading = true
        state.pending += 1
        return [.loadDocuments(fabric: state.fabric, collection: collection, after: after, descending: false,
                               placement: .reload(fromStart: fromStart, selectedKey: selectedKey, index: selectedRow - start))]
    }

    /// With a filter on a small collection, asks for the next page not yet
    /// loaded (the first when the window does not start at the beginning),
    /// one at a time, until the window holds the whole collection.
    static func fillForFilter(_ state: inout AppState) -> [Effect] {
        let documents = state.documents
        guard documents.filterLoadsAll, !documents.loading, !documents.isComplete,
              documents.rows.count < documents.windowCapacity, let collection = documents.collection else { return [] }
        state.documents.loading = true
        let after = documents.hasMoreBefore ? nil : documents.rows.last?["_key"].stringValue
        return [.loadDocuments(fabric: state.fabric, collection: collection, after: after, descending: false,
                               placement: documents.hasMoreBefore ? .replace : .append)]
    }

    /// The open collection's count from a fresh collection list; a dropped
    /// collection closes (the pane must not go on showing it).
    static func followCollectionCounts(_ state: inout AppState, _ collections: [CollectionInfo]) -> [Effect] {
        guard let open = state.documents.collection else { return [] }
        guard let info = collections.first(where: { $0.name == open }) else {
            state.documents = DocumentsState()
            return []
        }
        state.documents.total = info.count
        return fillForFilter(&state)
    }

    /// A page arrived or failed: the error stays in the pane until a page
    /// loads, and a filter's fill goes on.
    static func followDocumentsPage(_ state: inout AppState, collection: String, _ result: Result<[JSON], C8Error>) -> [Effect] {
        guard collection == state.documents.collection else { return [] }
        switch result {
        case .success:
            state.documents.loadError = nil
            return fillForFilter(&state)
        case .failure(let error):
            state.documents.loadError = StatusMessage.error(error).text
            return []
        }
    }

    /// Keys while a document is being edited inline: the editor takes them;
    /// ctrl+s saves (only valid JSON is written — otherwise the error with
    /// line:column shows and the text stays), esc cancels.
    static func handleDocumentEditorKey(_ state: inout AppState, _ key: KeyEvent) -> [Effect] {
        guard case .edit(var editor, let documentKey, let rev) = state.documents.mode,
              let collection = state.documents.collection else { return [] }
        if key == .ctrl("s") {
            let text = editor.text
            let document: JSON
            do {
                document = try JSON.parse(text)
            } catch {
                state.message = .error("invalid JSON at line \(error.line), column \(error.column): \(error.message) — nothing was saved")
                return []
            }
            guard case .object = document else {
                state.message = .error("a document must be a JSON object — nothing was saved")
                return []
            }
            state.pending += 1
            if let documentKey {
                return [.replaceDocument(collection: collection, key: documentKey, document: document, rev: rev, fabric: state.fabric)]
            }
            return [.insertDocument(collection: collection, document: document, fabric: state.fabric)]
        }
        if key.key == .escape {
            state.documents.mode = .list
            state.message = .info("edit cancelled")
            return []
        }
        _ = editor.handle(key)
        state.documents.mode = .edit(editor, key: documentKey, rev: rev)
        return []
    }

    /// The text a new or edited document starts from: the stored document
    /// without the attributes the server sets.
    static func editableText(_ document: JSON) -> String {
        guard case .object(let object) = document else { return document.jsonString(pretty: true) }
        let members = object.members.filter { $0.key != "_id" && $0.key != "_rev" }
        return JSON.object(JSONObject(uniqueMembers: members)).jsonString(pretty: true)
    }

    static func performPaneAction(_ state: inout AppState, _ action: ActionID) -> [Effect] {
        let fabric = state.fabric
        switch action {
        case .createFabric:
            state.overlay = .prompt(Prompt(title: "New fabric", hint: "name (a letter, then letters, digits, _ or -)", purpose: .createFabric))
        case .dropFabric:
            guard let selected = state.selectedFabric, !selected.isSystem else {
                state.message = .error("the _system fabric cannot be dropped")
                return []
            }
            state.overlay = .confirm(Confirmation(
                title: "Drop fabric", message: "Drop fabric \(selected.name) and everything in it? Type its name to confirm.",
                requiredText: selected.name, effect: .dropFabric(selected.name)))
        case .createCollection:
            state.overlay = .prompt(Prompt(title: "New collection", hint: "name [document|edge|kv] [waitForSync] [spot] [local] [keys=uuid|padded|autoincrement] [shardKeys=a,b]", purpose: .createCollection))
        case .truncateCollection:
            guard let selected = state.selectedCollection else { return [] }
            state.overlay = .confirm(Confirmation(
                title: "Truncate", message: "Remove every document of \(selected.name)? (y/n)", requiredText: nil,
                effect: .truncateCollection(selected.name, fabric: fabric)))
        case .dropCollection:
            guard let selected = state.selectedCollection else { return [] }
            state.overlay = .confirm(Confirmation(
                title: "Drop collection", message: "Drop \(selected.name) with its documents and indexes? Type its name to confirm.",
                requiredText: selected.name, effect: .dropCollection(selected.name, fabric: fabric)))
        case .showIndexes:
            // From Documents, the open collection's; else the selected one's.
            let open = state.focus == .documents ? state.documents.collection : nil
            guard let name = open ?? state.selectedCollection?.name else { return [] }
            // The list under the indexes must be this collection's, loaded:
            // esc returns to it.
            var effects: [Effect] = []
            if state.documents.collection != name { effects = openCollection(&state, name) }
            state.documents.mode = .indexes([], SelectionCursor())
            state.focus = .documents
            state.pending += 1
            return effects + [.loadIndexes(fabric: fabric, collection: name)]
        case .createIndex:
            guard let collection = state.documents.collection else { return [] }
            state.overlay = .prompt(Prompt(title: "New index on \(collection)", hint: "persistent|ttl|fulltext|geo field[,field] [unique] [sparse] [expireAfter=N]", purpose: .createIndex(collection: collection)))
        case .dropIndex:
            guard case .indexes(let indexes, let cursor) = state.documents.mode, let collection = state.documents.collection,
                  indexes.indices.contains(cursor.selected), let id = indexes[cursor.selected]["id"].stringValue else { return [] }
            state.overlay = .confirm(Confirmation(
                title: "Drop index", message: "Drop index \(indexes[cursor.selected]["name"].stringValue ?? id)? (y/n)", requiredText: nil,
                effect: .dropIndex(collection: collection, id: id, fabric: fabric)))
        case .newDocument:
            guard state.documents.collection != nil else {
                state.message = .error("open a collection first")
                return []
            }
            let template = state.collections.first { $0.name == state.documents.collection }?.kind == .edge
                ? "{\n  \"_from\": \"\",\n  \"_to\": \"\"\n}" : "{\n  \n}"
            var editor = TextEditor(text: template)
            editor.setCursor(TextPosition(line: 1, column: template.hasPrefix("{\n  \n") ? 2 : 12))
            state.documents.mode = .edit(editor, key: nil, rev: nil)
        case .editDocument:
            let document: JSON?
            if case .view(let view) = state.documents.mode { document = view.value } else { document = state.documents.selectedDocument }
            guard let document, let key = document["_key"].stringValue else { return [] }
            let text = editableText(document)
            let rev = document["_rev"].stringValue
            if state.useExternalEditor {
                return [.editExternally(text: text, key: key, rev: rev)]
            }
            state.documents.mode = .edit(TextEditor(text: text), key: key, rev: rev)
        case .deleteDocument:
            guard let document = state.documents.selectedDocument, let key = document["_key"].stringValue,
                  let collection = state.documents.collection else { return [] }
            state.overlay = .confirm(Confirmation(
                title: "Delete document", message: "Delete \(collection)/\(key)? (y/n)", requiredText: nil,
                effect: .removeDocument(collection: collection, key: key, fabric: fabric)))
        default:
            return performQueryAction(&state, action)
        }
        return []
    }
}
