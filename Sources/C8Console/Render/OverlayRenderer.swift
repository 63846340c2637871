import C8Core

/// Help, the command line, dialogs and the saved-query list, drawn over
/// the panes.
enum OverlayRenderer {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ overlay: Overlay, _ layout: Layout) {
        let theme = state.theme
        switch overlay {
        case .publish(let form):
            PublishOverlayRenderer.draw(&buffer, form, layout, theme: theme)
        case .help(let scroll):
            let page = HelpPage(state)
            dialog(&buffer, page.box, title: "Help", theme: theme)
            let inside = page.box.inset(by: 1)
            let first = min(scroll, page.lastScroll)
            for (i, line) in page.lines.dropFirst(first).prefix(inside.height).enumerated() {
                if line.isHeading {
                    buffer.write(line.text, x: inside.x + 1, y: inside.y + i, style: theme.style(for: .dialogTitle), maxWidth: inside.width - 1)
                } else {
                    buffer.write(line.key, x: inside.x + 1, y: inside.y + i, style: theme.style(for: .hintKey), maxWidth: HelpPage.keyWidth)
                    buffer.write(line.text, x: inside.x + HelpPage.textColumn, y: inside.y + i, style: theme.style(for: .text),
                                 maxWidth: inside.width - HelpPage.textColumn)
                }
            }
        case .commandLine(let line):
            let y = layout.hints.y
            buffer.fill(layout.hints, style: theme.style(for: .input))
            let shown = line.completionIndex.map { line.completions[$0] } ?? line.text
            let width = buffer.write(":" + shown, x: 0, y: y, style: theme.style(for: .input))
            buffer.cursor = (width, y)
            if !line.completions.isEmpty {
                let list = line.completions.enumerated().map { $0.offset == line.completionIndex ? "[\($0.element)]" : $0.element }.joined(separator: "  ")
                buffer.fill(layout.status, style: theme.style(for: .completionItem))
                buffer.write(" " + list, x: 0, y: layout.status.y, style: theme.style(for: .completionItem))
            }
        case .confirm(let confirmation):
            let box = centered(in: layout.screen, width: min(layout.screen.width - 4, 64), height: confirmation.requiredText == nil ? 5 : 7)
            dialog(&buffer, box, title: confirmation.title, theme: theme, danger: true)
            let inside = box.inset(by: 1)
            WordWrap.lines(confirmation.message, width: inside.width - 2).prefix(2).enumerated().forEach { i, text in
                buffer.write(text, x: inside.x + 1, y: inside.y + i, style: theme.style(for: .text))
            }
            if let required = confirmation.requiredText {
                let y = inside.maxY - 2
                buffer.fill(Rect(x: inside.x + 1, y: y, width: inside.width - 2, height: 1), style: theme.style(for: .input))
                let w = buffer.write(confirmation.typed, x: inside.x + 1, y: y, style: theme.style(for: .input), maxWidth: inside.width - 2)
                buffer.cursor = (inside.x + 1 + w, y)
                buffer.write("type \(required) · enter drops · esc keeps", x: inside.x + 1, y: inside.maxY - 1, style: theme.style(for: .textMuted), maxWidth: inside.width - 2)
            } else {
                buffer.write("y confirms · n or esc cancels", x: inside.x + 1, y: inside.maxY - 1, style: theme.style(for: .textMuted), maxWidth: inside.width - 2)
            }
        case .prompt(let prompt):
            // The hint wraps (a collection's options run long); three lines at most.
            let width = min(layout.screen.width - 4, 72)
            let hint = Array(WordWrap.lines(prompt.hint, width: max(1, width - 4)).prefix(3))
            let box = centered(in: layout.screen, width: width, height: 4 + hint.count)
            dialog(&buffer, box, title: prompt.title, theme: theme)
            let inside = box.inset(by: 1)
            for (i, line) in hint.enumerated() {
                buffer.write(line, x: inside.x + 1, y: inside.y + i, style: theme.style(for: .textMuted), maxWidth: inside.width - 2)
            }
            let inputY = inside.y + hint.count
            buffer.fill(Rect(x: inside.x + 1, y: inputY, width: inside.width - 2, height: 1), style: theme.style(for: .input))
            let w = buffer.write(prompt.text, x: inside.x + 1, y: inputY, style: theme.style(for: .input), maxWidth: inside.width - 2)
            buffer.cursor = (inside.x + 1 + w, inputY)
            buffer.write("enter ok · esc cancel", x: inside.x + 1, y: inputY + 1, style: theme.style(for: .textMuted), maxWidth: inside.width - 2)
        case .savedQueries(let queries, let cursor):
            let box = centered(in: layout.screen, width: min(layout.screen.width - 4, 90), height: min(layout.screen.height - 4, max(5, queries.count + 3)))
            dialog(&buffer, box, title: "Saved queries (enter opens · r runs · esc closes)", theme: theme)
            let inside = box.inset(by: 1)
            if queries.isEmpty {
                buffer.write("no saved queries — F9 saves the one in the editor", x: inside.x + 1, y: inside.y, style: theme.style(for: .textMuted))
            }
            let top = cursor.firstVisible(rows: inside.height, count: queries.count)
            for line in 0..<inside.height where top + line < queries.count {
                let query = queries[top + line]
                let selected = top + line == cursor.selected
                let style = theme.style(for: selected ? .listSelected : .text)
                let y = inside.y + line
                if selected { buffer.fill(Rect(x: inside.x, y: y, width: inside.width, height: 1), style: style) }
                let name = (query["name"].stringValue ?? "").padding(toLength: 20, withPad: " ", startingAt: 0)
                let text = (query["value"].stringValue ?? "").replacingOccurrences(of: "\n", with: " ")
                buffer.write(" \(name) \(text)", x: inside.x, y: y, style: style, maxWidth: inside.width)
            }
        }
    }

    static func centered(in screen: Rect, width: Int, height: Int) -> Rect {
        Rect(x: max(0, (screen.width - width) / 2), y: max(0, (screen.height - height) / 2), width: width, height: height)
    }

    static func dialog(_ buffer: inout ScreenBuffer, _ rect: Rect, title: String, theme: Theme, danger: Bool = false) {
        buffer.fill(rect, style: theme.style(for: .text))
        buffer.box(rect, style: theme.style(for: danger ? .dialogDanger : .dialogBorder))
        buffer.write(" \(title) ", x: rect.x + 2, y: rect.y, style: theme.style(for: danger ? .dialogDanger : .dialogTitle), maxWidth: rect.width - 4)
    }
}

import Foundation
