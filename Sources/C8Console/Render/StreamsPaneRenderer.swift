import C8Client
import Foundation

/// The Streams pane: the list of streams with scope, persistence, rate
/// sparklines and backlog — or, stacked on it, a tail or a stream's
/// subscriptions.
enum StreamsPaneRenderer {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ layout: Layout) {
        let streams = state.streams
        if let topic = streams.subscriptionsOf {
            SubscriptionsRenderer.draw(&buffer, state, topic, layout)
        } else if let tail = streams.tail {
            StreamTailRenderer.draw(&buffer, state, tail, layout)
        } else {
            drawList(&buffer, state, layout)
        }
    }

    /// Column widths of the list for a width: the sparklines get what the
    /// fixed columns leave.
    struct Columns {
        static let scope = 7, persistent = 8, rate = 7, backlog = 9
        let name: Int
        let sparkline: Int

        init(width: Int, longestName: Int) {
            name = min(28, max(8, longestName + 2))
            let fixed = 1 + name + Self.scope + Self.persistent + 2 * (Self.rate + 1) + Self.backlog
            sparkline = max(0, min(30, (width - fixed) / 2))
        }
    }

    static func drawList(_ buffer: inout ScreenBuffer, _ state: AppState, _ layout: Layout) {
        let theme = state.theme
        let streams = state.streams
        let rect = layout.streams
        let focused = state.focus == .streams
        var title = "Streams"
        if streams.loaded { title += " (\(streams.list.items.count))" }
        if state.filterEditing == .streams || !streams.list.filter.isEmpty {
            title += " /\(streams.list.filter)\(state.filterEditing == .streams ? "▏" : "")"
        }
        ChromeRenderer.frame(&buffer, rect, title: title, focused: focused, theme: theme)
        let inside = rect.inset(by: 1)
        buffer.fill(inside, style: theme.style(for: .text))
        let (header, body) = inside.splitTop(1)
        let items = streams.list.visibleItems
        let columns = Columns(width: inside.width, longestName: items.map { CharacterWidth.of($0.summary.name) }.max() ?? 0)
        buffer.fill(header, style: theme.style(for: .listHeader))
        buffer.write(headerText(columns), x: header.x, y: header.y, style: theme.style(for: .listHeader), maxWidth: header.width)
        guard !items.isEmpty else {
            let note = !streams.loaded ? "loading…" : streams.list.items.isEmpty
                ? "no streams in this fabric" : "no match for “\(streams.list.filter)”"
            buffer.write(note, x: body.x + 1, y: body.y, style: theme.style(for: .textMuted), maxWidth: body.width - 1)
            return
        }
        let top = streams.list.selection.firstVisible(rows: body.height, count: items.count)
        for line in 0..<body.height where top + line < items.count {
            let selected = top + line == streams.list.selection.selected
            drawRow(&buffer, items[top + line], columns, y: body.y + line, rect: body, selected: selected, focused: focused, theme: theme)
        }
    }

    static func headerText(_ columns: Columns) -> String {
        " " + pad("stream", columns.name) + pad("scope", Columns.scope) + pad("persist", Columns.persistent)
            + leftPad("in/s", columns.sparkline + Columns.rate) + " " + leftPad("out/s", columns.sparkline + Columns.rate) + " "
            + leftPad("backlog", Columns.backlog)
    }

    static func drawRow(_ buffer: inout ScreenBuffer, _ item: StreamItem, _ columns: Columns, y: Int, rect: Rect,
                        selected: Bool, focused: Bool, theme: Theme) {
        let rowStyle = selected ? theme.style(for: focused ? .listSelected : .listSelectedUnfocused) : nil
        if let rowStyle { buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: rowStyle) }
        func style(_ role: ThemeRole) -> Style { rowStyle ?? theme.style(for: role) }
        var x = rect.x + 1
        func cell(_ text: String, _ width: Int, _ role: ThemeRole) {
            guard x < rect.maxX else { return }
            buffer.write(text, x: x, y: y, style: style(role), maxWidth: min(width, rect.maxX - x))
            x += width
        }
        cell(TextColumns.fitted(item.summary.name, columns: columns.name - 1), columns.name, .text)
        cell(item.scope, Columns.scope, item.summary.isLocal ? .badgeLocal : .textMuted)
        cell(item.summary.isPersistent ? "yes" : "no", Columns.persistent, .textMuted)
        for history in [item.rateIn, item.rateOut] {
            cell(Sparkline.render(history.samples, width: columns.sparkline), columns.sparkline, .sparkline)
            cell(leftPad(rate(history.latest), Columns.rate) + " ", Columns.rate + 1, .text)
        }
        cell(leftPad(String(item.backlog), Columns.backlog), Columns.backlog, item.backlog > 0 ? .warning : .textMuted)
    }

    /// Messages per second: one decimal under 100, whole numbers above.
    static func rate(_ value: Double) -> String {
        value < 100 ? String(format: "%.1f", value) : String(Int(value.rounded()))
    }

    static func pad(_ text: String, _ width: Int) -> String {
        let w = CharacterWidth.of(text)
        return w >= width ? text : text + String(repeating: " ", count: width - w)
    }

    static func leftPad(_ text: String, _ width: Int) -> String {
        let w = CharacterWidth.of(text)
        return w >= width ? text : String(repeating: " ", count: width - w) + text
    }
}
