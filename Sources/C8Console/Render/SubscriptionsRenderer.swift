import C8Client

/// A stream's subscriptions, from its latest stats (refreshed every
/// second by the poll): type, backlog, delivery rate and consumers.
enum SubscriptionsRenderer {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ topic: String, _ layout: Layout) {
        let theme = state.theme
        let item = state.streams.item(topic)
        let subscriptions = item?.subscriptions ?? []
        let name = StreamsState.name(of: topic)
        let publishers = item?.stats["publishers"].arrayValue?.count ?? 0
        ChromeRenderer.frame(&buffer, layout.streams, title: "Subscriptions: \(name) · \(Plural.count(subscriptions.count, "subscription")) · \(Plural.count(publishers, "publisher"))",
                             focused: state.focus == .streams, theme: theme)
        let inside = layout.streams.inset(by: 1)
        buffer.fill(inside, style: theme.style(for: .text))
        let (header, body) = inside.splitTop(1)
        let nameWidth = min(30, max(14, (subscriptions.map { CharacterWidth.of($0.name) }.max() ?? 0) + 2))
        buffer.fill(header, style: theme.style(for: .listHeader))
        buffer.write(" " + StreamsPaneRenderer.pad("subscription", nameWidth) + StreamsPaneRenderer.pad("type", 12)
                     + StreamsPaneRenderer.leftPad("backlog", 9) + StreamsPaneRenderer.leftPad("out/s", 8) + "  consumers",
                     x: header.x, y: header.y, style: theme.style(for: .listHeader), maxWidth: header.width)
        guard !subscriptions.isEmpty else {
            buffer.write(item == nil ? "loading…" : "no subscriptions", x: body.x + 1, y: body.y,
                         style: theme.style(for: .textMuted), maxWidth: body.width - 1)
            return
        }
        let cursor = state.streams.subscriptionCursor
        let top = cursor.firstVisible(rows: body.height, count: subscriptions.count)
        for line in 0..<body.height where top + line < subscriptions.count {
            let subscription = subscriptions[top + line]
            let y = body.y + line
            let selected = top + line == cursor.selected
            let style = theme.style(for: selected ? .listSelected : .text)
            if selected { buffer.fill(Rect(x: body.x, y: y, width: body.width, height: 1), style: style) }
            let consumers = subscription.consumers.isEmpty ? "none" : "\(subscription.consumers.count): " + subscription.consumers.joined(separator: ", ")
            let text = " " + StreamsPaneRenderer.pad(TextColumns.fitted(subscription.name, columns: nameWidth - 1), nameWidth)
                + StreamsPaneRenderer.pad(subscription.type, 12) + StreamsPaneRenderer.leftPad(String(subscription.backlog), 9)
                + StreamsPaneRenderer.leftPad(StreamsPaneRenderer.rate(subscription.rateOut), 8) + "  " + consumers
            buffer.write(text, x: body.x, y: y, style: style, maxWidth: body.width)
        }
    }
}
