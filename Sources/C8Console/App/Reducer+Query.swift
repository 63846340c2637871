import C8Client
import C8Core

extension Reducer {
    /// Keys in the Query pane. The editor takes text and editing keys, and
    /// tab: it completes, or indents — it never leaves the editor, or the
    /// rest of the typing would land in another pane as its commands.
    /// Function keys, shift+tab, esc and ctrl combinations the editor does
    /// not use go to the action registry. Up on the first line and down on
    /// the last browse the history.
    static func handleQueryEditorKey(_ state: inout AppState, _ key: KeyEvent) -> [Effect]? {
        if state.query.running, key.key == .escape {
            state.message = .info("cancelling…")
            return [.cancelQuery(fabric: state.fabric)]
        }
        if let action = state.actions.action(for: key, in: .pane(.query), readOnly: state.readOnly),
           [.runQuery, .explainQuery, .toggleResultView, .toggleBindVariables, .savedQueries, .saveQuery].contains(action) {
            return perform(&state, action)
        }
        switch key.key {
        case .backTab, .function:
            return nil
        case .escape:
            if state.query.editingBindVariables {
                closeBindVariables(&state)
                return []
            }
            return nil
        default:
            break
        }
        if key.modifiers.contains(.control) && [KeyEvent.ctrl("c"), .ctrl("l"), .ctrl("d"), .ctrl("u")].contains(key) { return nil }
        layOutEditors(&state)
        if state.query.editingBindVariables {
            _ = state.query.bindEditor.handle(key)
            return []
        }
        if state.query.completion.handle(key, editor: &state.query.editor) { return [] }
        if key == KeyEvent(.tab), let completion = completer(state).completion(for: state.query.editor) {
            // Tab after a word completes it (a single candidate at once);
            // elsewhere the editor indents.
            state.query.completion.show(completion)
            if completion.candidates.count == 1 { _ = state.query.completion.accept(into: &state.query.editor) }
            return []
        }
        let editor = state.query.editor
        if key == KeyEvent(.up), editor.cursor.line == 0 { return historyStep(&state, back: true) }
        if key == KeyEvent(.down), editor.cursor.line == editor.lines.count - 1, state.query.historyIndex != nil {
            return historyStep(&state, back: false)
        }
        if key == KeyEvent(.pageDown) || key == KeyEvent(.pageUp) {
            moveInResults(&state, key == KeyEvent(.pageDown) ? .pageDown : .pageUp)
            return fetchMoreResultsIfNeeded(state)
        }
        _ = state.query.editor.handle(key)
        if state.query.completion.isOpen { state.query.completion.update(editor: state.query.editor, completer: completer(state)) }
        return []
    }

    /// Gives the editors the area the pane draws them in. The renderer lays
    /// out its own copy; without this the state's editors scrolled for the
    /// default 80 columns, and a line longer than that stayed shifted left
    /// in a wider pane.
    static func layOutEditors(_ state: inout AppState) {
        let layout = layout(state)
        state.query.editor.layout(in: layout.queryParts(editorLines: state.query.editor.lines.count).editor)
        state.query.bindEditor.layout(in: layout.queryParts(editorLines: state.query.bindEditor.lines.count).editor)
    }

    /// What the editor completes: keywords, functions, this fabric's
    /// collections and the attributes seen in the last results.
    static func completer(_ state: AppState) -> Completer {
        Completer(collections: state.collections.map(\.name), attributes: state.query.attributeNames)
    }

    static func historyStep(_ state: inout AppState, back: Bool) -> [Effect] {
        let history = state.query.history
        guard !history.isEmpty else { return [] }
        var index = state.query.historyIndex ?? history.count
        index += back ? -1 : 1
        if index >= history.count {
            state.query.historyIndex = nil
            state.query.editor.text = ""
            return []
        }
        index = max(0, index)
        state.query.historyIndex = index
        state.query.editor.text = history[index]
        return []
    }

    static func performQueryAction(_ state: inout AppState, _ action: ActionID) -> [Effect] {
        switch action {
        case .runQuery:
            return runQuery(&state)
        case .cancelQuery:
            return state.query.running ? [.cancelQuery(fabric: state.fabric)] : []
        case .explainQuery:
            let text = state.query.editor.text
            guard !text.allSatisfy(\.isWhitespace) else { return [] }
            guard let bind = bindVariables(&state) else { return [] }
            state.pending += 1
            return [.explain(QueryRequest(query: text, bindVariables: bind), fabric: state.fabric)]
        case .toggleResultView:
            state.query.resultView = state.query.resultView == .table ? .json : .table
        case .toggleBindVariables:
            if state.query.editingBindVariables { closeBindVariables(&state) } else { state.query.editingBindVariables = true }
        case .savedQueries:
            state.pending += 1
            return [.loadSavedQueries(fabric: state.fabric)]
        case .saveQuery:
            state.overlay = .prompt(Prompt(title: "Save query", hint: "name (letters, digits, _ and -)", purpose: .saveQuery))
        default:
            break
        }
        return []
    }

    /// Leaves the bind variables pane (F4 again, or esc) — unless they do
    /// not parse: then it stays open with the error, where it can be
    /// fixed, instead of the next run failing for a reason out of sight.
    static func closeBindVariables(_ state: inout AppState) {
        guard bindObject(&state) != nil else { return }
        state.query.editingBindVariables = false
    }

    /// The bind variables the editor's query references (see
    /// ``QueryBindParameters``); nil (with the error shown) when the bind
    /// pane is not a JSON object.
    static func bindVariables(_ state: inout AppState) -> JSON? {
        bindObject(&state).map { .object(QueryBindParameters.used(by: state.query.editor.text, from: $0)) }
    }

    /// The bind variables pane as an object; nil (with the error shown)
    /// when it is not valid JSON.
    static func bindObject(_ state: inout AppState) -> JSONObject? {
        let text = state.query.bindEditor.text
        if text.allSatisfy(\.isWhitespace) { return JSONObject() }
        do {
            guard let object = try JSON.parse(text).objectValue else {
                state.message = .error("bind variables must be a JSON object")
                return nil
            }
            return object
        } catch {
            state.message = .error("bind variables: invalid JSON at line \(error.line), column \(error.column): \(error.message)")
            return nil
        }
    }

    static func runQuery(_ state: inout AppState) -> [Effect] {
        let text = state.query.editor.text
        guard !text.allSatisfy(\.isWhitespace) else {
            state.message = .error("the query is empty")
            return []
        }
        guard let bind = bindVariables(&state) else { return [] }
        var effects = closeQueryCursor(state)
        state.query.beginRun(text)
        state.query.historyIndex = nil
        if state.query.history.last != text {
            state.query.history.append(text)
            if state.query.history.count > 500 { state.query.history.removeFirst() }
            effects.append(.saveHistory(fabric: state.fabric, entries: state.query.history))
        }
        state.message = .info("running…")
        state.pending += 1
        effects.append(.runQuery(QueryRequest(query: text, bindVariables: bind, batchSize: 200, options: ["fullCount": false],
                                              readOnly: state.readOnly), fabric: state.fabric, run: state.query.run))
        return effects
    }

    /// Runs a saved query (F8, `r`) in place of what the results showed;
    /// it runs with its own defaults, so the bind pane stays as it is.
    static func runSavedQuery(_ state: inout AppState, name: String) -> [Effect] {
        let effects = closeQueryCursor(state)
        state.overlay = nil
        state.focus = .query
        state.query.beginRun("saved query \(name)", savedQuery: name)
        state.message = .info("running saved query \(name)…")
        state.pending += 1
        return effects + [.runSavedQuery(name: name, fabric: state.fabric, run: state.query.run)]
    }

    /// Opens a saved query (F8, enter): its text goes to the editor. Its
    /// parameters only fill in the bind variables not set yet — the values
    /// the user typed are theirs and stay.
    static func openSavedQuery(_ state: inout AppState, _ query: JSON) {
        state.overlay = nil
        state.focus = .query
        state.query.editor.text = query["value"].stringValue ?? ""
        let name = query["name"].stringValue ?? "query"
        guard let defaults = query["parameter"].objectValue, !defaults.isEmpty else {
            state.message = .info("saved query \(name)")
            return
        }
        let text = state.query.bindEditor.text
        // Unparsable bind text is left alone; the next run reports it.
        guard var bind = text.allSatisfy(\.isWhitespace) ? JSONObject() : (try? JSON.parse(text))?.objectValue else {
            state.message = .info("saved query \(name); its parameters were not added: the bind variables are not valid JSON")
            return
        }
        let added = defaults.members.filter { bind[$0.key] == nil }
        for member in added { bind.appendUnique(member.key, member.value) }
        if !added.isEmpty { state.query.bindEditor.text = JSON.object(bind).jsonString(pretty: true) }
        state.message = .info("saved query \(name)" + (added.isEmpty ? "" : "; bind variables added: \(added.map(\.key).joined(separator: ", "))"))
    }

    static func moveInResults(_ state: inout AppState, _ move: SelectionMove) {
        if let explain = state.query.explain {
            var view = explain
            _ = view.handle(keyFor(move))
            state.query.explain = view
            return
        }
        switch state.query.resultView {
        case .table: _ = state.query.table.handle(keyFor(move))
        case .json: _ = state.query.json.handle(keyFor(move))
        }
    }

    /// Fetches the next cursor batch when the selection nears the end of
    /// what is loaded.
    static func fetchMoreResultsIfNeeded(_ state: AppState) -> [Effect] {
        guard state.query.hasMore, !state.query.running, let cursor = state.query.cursorId,
              state.query.resultView == .table, state.query.table.selection.selected >= state.query.results.count - 50 else { return [] }
        return [.nextQueryPage(cursor: cursor, fabric: state.fabric, run: state.query.run)]
    }

    /// Shows a cursor page: the first replaces the results, later ones append.
    static func showResults(_ state: inout AppState, _ page: CursorPage, first: Bool) {
        if first {
            state.query.results = page.results
        } else {
            state.query.results += page.results
        }
        state.query.cursorId = page.hasMore ? page.cursorId : nil
        state.query.hasMore = page.hasMore
        state.query.statistics = page.statistics
        if first { state.query.warnings = page.warnings } else { state.query.warnings += page.warnings }
        if first {
            state.query.table = TableView(rows: state.query.results)
        } else {
            // Appending keeps the selection (TableView clamps it).
            state.query.table.rows = state.query.results
        }
        state.query.json = JSONView(value: .array(state.query.results))
    }
}
