import C8Core

/// The Query pane: the editor (or the bind variables), then the results
/// as a table or JSON (or the plan, `running…`, or the error), then the
/// stats line.
enum QueryPaneRenderer {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ layout: Layout) {
        let theme = state.theme
        let query = state.query
        let focused = state.focus == .query
        var title = "Query"
        // Bind variables in force are always in sight: they change what a query returns.
        if query.editingBindVariables {
            title += " — bind variables (JSON; esc returns)"
        } else if let bind = query.bindSummary {
            title += " — bind \(bind)"
        }
        if query.running { title += " — running (esc cancels)" }
        ChromeRenderer.frame(&buffer, layout.query, title: title, focused: focused, theme: theme)
        let parts = layout.queryParts(editorLines: query.editingBindVariables ? query.bindEditor.lines.count : query.editor.lines.count)
        buffer.fill(layout.query.inset(by: 1), style: theme.style(for: .text))
        var editor = query.editingBindVariables ? query.bindEditor : query.editor
        if editor.isEmpty {
            editor.placeholder = query.editingBindVariables
                ? #"a JSON object — e.g. {"city": "Paris", "@coll": "users"}"#
                : "C8QL — e.g. FOR u IN users LIMIT 10 RETURN u   (F5 runs)"
        }
        editor.layout(in: parts.editor)
        editor.render(into: &buffer, in: parts.editor, theme: theme, focused: focused)
        // A rule between the editor and the results.
        let ruleY = parts.results.y - 1
        for x in parts.results.x..<parts.results.maxX { buffer.put("─", x: x, y: ruleY, style: theme.style(for: .paneBorder)) }
        let label = query.explain != nil ? " plan " : query.resultView == .table ? " table " : " json "
        buffer.write(label, x: parts.results.x + 1, y: ruleY, style: theme.style(for: .textMuted))

        if let explain = query.explain {
            var view = explain
            view.layout(in: parts.results)
            view.render(into: &buffer, in: parts.results, theme: theme, focused: false)
        } else if query.running {
            // Nothing of an earlier run while this one runs.
            buffer.write("running…", x: parts.results.x + 1, y: parts.results.y, style: theme.style(for: .textMuted), maxWidth: parts.results.width - 1)
        } else if let error = query.error {
            buffer.write(error, x: parts.results.x + 1, y: parts.results.y, style: theme.style(for: .error), maxWidth: parts.results.width - 1)
        } else if query.lastRun == nil {
            buffer.write("Results appear here.", x: parts.results.x + 1, y: parts.results.y, style: theme.style(for: .textMuted), maxWidth: parts.results.width - 1)
        } else {
            switch query.resultView {
            case .table:
                var table = query.table
                table.layout(in: parts.results)
                table.render(into: &buffer, in: parts.results, theme: theme, focused: false)
            case .json:
                var json = query.json
                json.layout(in: parts.results)
                json.render(into: &buffer, in: parts.results, theme: theme, focused: false)
            }
        }
        if let stats = query.statsLine {
            buffer.write(stats, x: parts.stats.x + 1, y: parts.stats.y, style: theme.style(for: query.warnings.isEmpty ? .textMuted : .warning), maxWidth: parts.stats.width - 1)
        }
        if focused, query.completion.isOpen, !query.editingBindVariables, let caret = buffer.cursor {
            query.completion.render(into: &buffer, in: layout.screen, anchor: caret, theme: theme)
        }
        // The caret only belongs to the editor when the query pane has focus.
        if !focused || state.overlay != nil { buffer.cursor = nil }
    }
}
