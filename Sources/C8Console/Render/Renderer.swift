import C8Client
import C8Core

/// Draws the state: a pure function from ``AppState`` to a ``ScreenBuffer``.
public enum Renderer {
    public static func render(_ state: AppState) -> ScreenBuffer {
        let theme = state.theme
        var buffer = ScreenBuffer(width: state.size.width, height: state.size.height, fill: theme.style(for: .background))
        if state.isTooSmall {
            drawTooSmall(&buffer, state)
            return buffer
        }
        let layout = Layout(width: state.size.width, height: state.size.height)
        drawListPane(&buffer, state, .fabrics, layout) { buffer, rect in
            var list = state.fabricList
            list.layout(in: rect)
            list.render(into: &buffer, in: rect, theme: theme, focused: state.focus == .fabrics)
        }
        drawListPane(&buffer, state, .collections, layout) { buffer, rect in
            var list = state.collectionList
            list.emptyText = "no collections — n creates one"
            list.layout(in: rect)
            list.render(into: &buffer, in: rect, theme: theme, focused: state.focus == .collections)
        }
        if state.regions.shown {
            RegionsPaneRenderer.draw(&buffer, state, layout)
        } else if state.streams.shown {
            StreamsPaneRenderer.draw(&buffer, state, layout)
        } else {
            DocumentsPaneRenderer.draw(&buffer, state, layout)
            QueryPaneRenderer.draw(&buffer, state, layout)
        }
        ChromeRenderer.drawStatus(&buffer, state, layout)
        ChromeRenderer.drawHints(&buffer, state, layout)
        if let overlay = state.overlay { OverlayRenderer.draw(&buffer, state, overlay, layout) }
        return buffer
    }

    static func drawListPane(_ buffer: inout ScreenBuffer, _ state: AppState, _ pane: PaneID, _ layout: Layout,
                             content: (inout ScreenBuffer, Rect) -> Void) {
        let rect = layout.rect(of: pane)
        var title = pane.title
        let filter = pane == .fabrics ? state.fabricList.filter : state.collectionList.filter
        if state.filterEditing == pane || !filter.isEmpty { title += " /\(filter)\(state.filterEditing == pane ? "▏" : "")" }
        ChromeRenderer.frame(&buffer, rect, title: title, focused: state.focus == pane, theme: state.theme)
        content(&buffer, rect.inset(by: 1))
    }

    static func drawTooSmall(_ buffer: inout ScreenBuffer, _ state: AppState) {
        let lines = [
            "Terminal too small",
            "\(state.size.width)×\(state.size.height), need \(AppState.minimumSize.width)×\(AppState.minimumSize.height)",
            "q or ctrl+c quits",
        ]
        let top = max(0, (state.size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let x = max(0, (state.size.width - CharacterWidth.of(line)) / 2)
            buffer.write(line, x: x, y: top + i, style: state.theme.style(for: i == 0 ? .statusError : .text))
        }
    }
}

/// Pane frames, the status bar and the key hint line.
enum ChromeRenderer {
    static func frame(_ buffer: inout ScreenBuffer, _ rect: Rect, title: String, focused: Bool, theme: Theme) {
        buffer.box(rect, style: theme.style(for: focused ? .paneBorderFocused : .paneBorder))
        guard rect.width > 4 else { return }
        buffer.write(" \(title) ", x: rect.x + 1, y: rect.y, style: theme.style(for: focused ? .paneTitleFocused : .paneTitle), maxWidth: rect.width - 2)
    }

    static let spinner: [Character] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    static func drawStatus(_ buffer: inout ScreenBuffer, _ state: AppState, _ layout: Layout) {
        let theme = state.theme
        let rect = layout.status
        buffer.fill(rect, style: theme.style(for: .statusBar))
        var x = rect.x
        func segment(_ text: String, _ role: ThemeRole) {
            guard x < rect.maxX else { return }
            x += buffer.write(text, x: x, y: rect.y, style: theme.style(for: role), maxWidth: rect.maxX - x)
        }
        segment(" c8 ", .statusContext)
        segment(" \(state.endpoint) │ fabric \(state.fabric) ", .statusBar)
        if !state.region.isEmpty { segment("│ region \(state.region) ", .statusBar) }
        if state.readOnly { segment(" READ-ONLY ", .statusBadgeReadOnly) }
        if state.pending > 0 || state.query.running { segment(" \(spinner[state.pending % spinner.count]) ", .statusBar) }
        if let message = state.message {
            segment(TextColumns.fitted(" " + message.text, columns: rect.maxX - x), message.isError ? .statusError : .statusBar)
        }
    }

    static func isPrintable(_ key: KeyEvent.Key) -> Bool {
        if case .character = key { return true }
        return false
    }

    /// A dialog's own keys: while it is open, the pane's keys do nothing.
    static func dialogHints(_ overlay: Overlay?) -> [(String, String)]? {
        switch overlay {
        case .help: [("j k", "scroll"), ("g G", "top, bottom"), ("esc", "close")]
        case .confirm(let confirmation) where confirmation.requiredText != nil: [("enter", "confirm"), ("esc", "keep")]
        case .confirm: [("y", "confirm"), ("n esc", "cancel")]
        case .prompt: [("enter", "ok"), ("esc", "cancel")]
        default: nil
        }
    }

    /// Keys the query editor keeps for itself: text, and tab.
    static func editorTakes(_ key: KeyEvent) -> Bool {
        key.modifiers.isEmpty && (isPrintable(key.key) || key.key == .tab)
    }

    static func drawHints(_ buffer: inout ScreenBuffer, _ state: AppState, _ layout: Layout) {
        let theme = state.theme
        let rect = layout.hints
        buffer.fill(rect, style: theme.style(for: .hintText))
        var hints: [(String, String)] = []
        if let dialogHints = dialogHints(state.overlay) {
            hints = dialogHints
        } else if state.filterEditing != nil {
            hints = [("enter", "keep filter"), ("esc", "clear")]
        } else if state.focus == .documents, state.documents.isEditing {
            hints = [("ctrl+s", "save"), ("esc", "cancel")]
        } else {
            let scope: ActionDefinition.Scope
            if state.focus == .documents, case .indexes = state.documents.mode { scope = .indexes } else { scope = .pane(state.focus) }
            var visible = state.actions.visible(in: scope, readOnly: state.readOnly)
            // Fold keys act in the document view only, esc cancels only a
            // running query.
            if state.focus == .documents, case .view = state.documents.mode {} else {
                visible.removeAll { [.toggleFold, .expandAll, .collapseAll].contains($0.id) }
            }
            if !state.query.running { visible.removeAll { $0.id == .cancelQuery } }
            // In the editor printable keys type text and tab completes:
            // show only keys that still act, and shift+tab, the way out.
            let typing = state.focus == .query
            hints = typing && !state.query.editingBindVariables ? [("tab", "complete")] : []
            hints += visible.filter { $0.hint || $0.scope != .global || (typing && $0.id == .previousPane) }.compactMap { d -> (String, String)? in
                let keys = typing ? d.keys.filter { !Self.editorTakes($0) } : d.keys
                return keys.first.map { ($0.description, d.name) }
            }
            hints = Array(hints.prefix(9))
        }
        var x = rect.x + 1
        for (key, name) in hints {
            guard x < rect.maxX - 2 else { break }
            x += buffer.write(key, x: x, y: rect.y, style: theme.style(for: .hintKey), maxWidth: rect.maxX - x)
            x += buffer.write(" \(name)  ", x: x, y: rect.y, style: theme.style(for: .hintText), maxWidth: rect.maxX - x)
        }
    }
}
