import C8Client

/// A tail: a title with its state (live or paused and what arrived since,
/// dropped, filters), one line per message (time, key, properties,
/// payload), and the selected message's payload in full below.
///
/// Only the rows on screen are touched, and their texts were formatted
/// when the messages arrived (``TailRow``): a frame costs the same with
/// ten messages buffered or ten thousand.
enum StreamTailRenderer {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ tail: StreamTailState, _ layout: Layout) {
        let theme = state.theme
        let focused = state.focus == .streams
        ChromeRenderer.frame(&buffer, layout.streams, title: title(state, tail), focused: focused, theme: theme)
        buffer.fill(layout.streams.inset(by: 1), style: theme.style(for: .text))
        let parts = layout.tailParts()
        let (selected, top) = tail.window(rows: parts.list.height)
        let shown = tail.visible.dropFirst(top).prefix(parts.list.height).map { tail.ring[$0] }
        let keyWidth = min(16, max(3, shown.map { CharacterWidth.of($0.key) }.max() ?? 0)) + 2
        let propertiesWidth = min(24, shown.map { CharacterWidth.of($0.properties) }.max() ?? 0)
        let columns = [14, keyWidth, propertiesWidth > 0 ? max(10, propertiesWidth) + 2 : 0]

        buffer.fill(parts.header, style: theme.style(for: .listHeader))
        var x = parts.header.x + 1
        for (text, width) in zip(["time", "key", "properties"], columns) where width > 0 {
            buffer.write(text, x: x, y: parts.header.y, style: theme.style(for: .listHeader), maxWidth: width)
            x += width
        }
        buffer.write("payload", x: x, y: parts.header.y, style: theme.style(for: .listHeader), maxWidth: max(0, parts.header.maxX - x))

        if shown.isEmpty {
            buffer.write(emptyNote(tail), x: parts.list.x + 1, y: parts.list.y, style: theme.style(for: .textMuted), maxWidth: parts.list.width - 1)
        }
        for (line, row) in shown.enumerated() {
            let y = parts.list.y + line
            let isSelected = top + line == selected && !tail.following
            let rowStyle = isSelected ? theme.style(for: focused ? .listSelected : .listSelectedUnfocused) : nil
            if let rowStyle { buffer.fill(Rect(x: parts.list.x, y: y, width: parts.list.width, height: 1), style: rowStyle) }
            var x = parts.list.x + 1
            let cells: [(String, ThemeRole)] = [(row.time, .textMuted), (row.key, .jsonKey), (row.properties, .textMuted)]
            for ((text, role), width) in zip(cells, columns) where width > 0 {
                // A cut cell ends in … so hidden properties read as hidden.
                buffer.write(TextColumns.fitted(text, columns: width - 1), x: x, y: y, style: rowStyle ?? theme.style(for: role),
                             maxWidth: width - 1)
                x += width
            }
            buffer.write(row.summary, x: x, y: y, style: rowStyle ?? theme.style(for: row.isJSON ? .text : .jsonString),
                         maxWidth: max(0, parts.list.maxX - x))
        }
        guard !parts.detail.isEmpty, let row = shown.isEmpty ? nil : tail.selectedRow else { return }
        drawDetail(&buffer, row, parts.rule, parts.detail, theme: theme)
    }

    static func title(_ state: AppState, _ tail: StreamTailState) -> String {
        var parts = ["Tail: " + StreamsState.name(of: tail.topic)]
        if let since = tail.since {
            parts.append("from " + state.streams.clock.dateAndTime(since))
        } else if tail.fromEarliest {
            parts.append("from earliest")
        }
        if let ended = tail.ended {
            parts.append("ended: " + ended)
        } else {
            parts.append(tail.following ? "▶ live" : "⏸ paused" + (tail.unseen > 0 ? " (\(tail.unseen) new)" : ""))
        }
        if tail.dropped > 0 { parts.append("\(tail.dropped) dropped") }
        parts.append("\(tail.visible.count)" + (tail.visible.count == tail.ring.count ? "" : "/\(tail.ring.count)") + " msgs")
        if tail.skipped > 0 { parts.append("\(tail.skipped) older skipped") }
        if let filter = tail.queryFilter { parts.append("filter " + filter) }
        if tail.candidateFilter != nil || tail.filterCall?.isCandidate == true { parts.append("checking filter…") }
        if state.filterEditing == .streams || !tail.textFilter.isEmpty {
            parts.append("/" + tail.textFilter + (state.filterEditing == .streams ? "▏" : ""))
        }
        return parts.joined(separator: " · ")
    }

    static func emptyNote(_ tail: StreamTailState) -> String {
        if !tail.ring.isEmpty { return "no message matches the filters (\(tail.ring.count) buffered)" }
        if tail.ended != nil { return "no messages" }
        return tail.connected ? "waiting for messages… (p publishes one)" : "connecting…"
    }

    /// A rule with the message's full time, key and id, then its payload.
    static func drawDetail(_ buffer: inout ScreenBuffer, _ row: TailRow, _ rule: Rect, _ detail: Rect, theme: Theme) {
        for x in rule.x..<rule.maxX { buffer.put("─", x: x, y: rule.y, style: theme.style(for: .paneBorder)) }
        var label = " \(row.timestamp)"
        if !row.key.isEmpty { label += " · key \(row.key)" }
        if row.redeliveryCount > 0 { label += " · redelivered \(row.redeliveryCount)×" }
        label += " · id \(row.id) "
        buffer.write(label, x: rule.x + 1, y: rule.y, style: theme.style(for: .textMuted), maxWidth: rule.width - 2)
        var y = detail.y
        if !row.properties.isEmpty {
            buffer.write(row.properties, x: detail.x + 1, y: y, style: theme.style(for: .textMuted), maxWidth: detail.width - 1)
            y += 1
        }
        for line in row.detail where y < detail.maxY {
            buffer.write(line, x: detail.x + 1, y: y, style: theme.style(for: row.isJSON ? .text : .jsonString), maxWidth: detail.width - 1)
            y += 1
        }
        if row.detail.count > detail.maxY - detail.y, y == detail.maxY {
            buffer.write(" … ", x: detail.maxX - 4, y: detail.maxY - 1, style: theme.style(for: .textMuted))
        }
    }
}
