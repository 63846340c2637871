/// The publish dialog: the payload and key fields, the caret in the one
/// being typed.
enum PublishOverlayRenderer {
    static func draw(_ buffer: inout ScreenBuffer, _ form: PublishForm, _ layout: Layout, theme: Theme) {
        let box = OverlayRenderer.centered(in: layout.screen, width: min(layout.screen.width - 4, 72), height: 8)
        OverlayRenderer.dialog(&buffer, box, title: "Publish to \(StreamsState.name(of: form.topic))", theme: theme)
        let inside = box.inset(by: 1)
        let fields: [(String, String, PublishForm.Field)] = [
            ("payload (JSON or text)", form.payload, .payload), ("key (optional)", form.key, .key),
        ]
        for (i, (label, text, field)) in fields.enumerated() {
            let y = inside.y + i * 2
            buffer.write(label, x: inside.x + 1, y: y, style: theme.style(for: .textMuted), maxWidth: inside.width - 2)
            let input = Rect(x: inside.x + 1, y: y + 1, width: inside.width - 2, height: 1)
            buffer.fill(input, style: theme.style(for: .input))
            // Long payloads scroll so the end being typed stays in view.
            let overflow = max(0, CharacterWidth.of(text) - (input.width - 1))
            let w = buffer.write(text, x: input.x, y: input.y, style: theme.style(for: .input), maxWidth: input.width, skipColumns: overflow)
            if field == form.field { buffer.cursor = (input.x + w, input.y) }
        }
        buffer.write("enter publishes · tab switches field · esc cancels", x: inside.x + 1, y: inside.maxY - 1,
                     style: theme.style(for: .textMuted), maxWidth: inside.width - 2)
    }
}
