/// The help overlay: its lines — every action of the registry with its
/// keys, by pane, then the tail's keys and the `:` commands — wrapped to the
/// box they are drawn in. The reducer and the renderer both build it, so
/// scrolling stops at the last page the renderer can show.
struct HelpPage {
    struct Line: Equatable {
        /// Empty for a heading and for a wrapped text's later lines.
        var key: String
        var text: String
        var isHeading: Bool
    }

    /// Columns of the key column, and where the text column starts.
    static let keyWidth = 18
    static let textColumn = 20

    let box: Rect
    let lines: [Line]

    init(_ state: AppState) {
        let screen = Rect(x: 0, y: 0, width: state.size.width, height: state.size.height)
        let width = min(screen.width - 4, 96)
        let textWidth = max(10, width - 2 - Self.textColumn - 1)
        var lines: [Line] = []
        for entry in Self.entries(state) {
            if entry.key.isEmpty {
                lines.append(Line(key: "", text: entry.text, isHeading: true))
                continue
            }
            let wrapped = CharacterWidth.of(entry.text) <= textWidth ? [entry.text] : WordWrap.lines(entry.text, width: textWidth)
            for (i, text) in wrapped.enumerated() {
                lines.append(Line(key: i == 0 ? entry.key : "", text: text, isHeading: false))
            }
        }
        self.lines = lines
        let height = min(screen.height - 2, lines.count + 2)
        box = Rect(x: max(0, (screen.width - width) / 2), y: max(0, (screen.height - height) / 2), width: width, height: height)
    }

    var visibleRows: Int { max(1, box.height - 2) }
    var lastScroll: Int { max(0, lines.count - visibleRows) }

    /// The help's entries, unwrapped: a heading has an empty key.
    static func entries(_ state: AppState) -> [(key: String, text: String)] {
        var entries: [(String, String)] = []
        let groups: [(String, ActionDefinition.Scope)] = [
            ("Everywhere", .global), ("Fabrics", .pane(.fabrics)), ("Collections", .pane(.collections)),
            ("Documents", .pane(.documents)), ("Indexes", .indexes), ("Query", .pane(.query)),
            ("Streams", .pane(.streams)), ("Regions", .pane(.regions)),
        ]
        for (title, scope) in groups {
            let actions = state.actions.definitions.filter { $0.scope == scope && !(state.readOnly && $0.mutates) }
            guard !actions.isEmpty else { continue }
            entries.append(("", title))
            for action in actions {
                entries.append((action.keys.map(\.description).joined(separator: " "), "\(action.help)  (:\(action.name))"))
            }
            if scope == .pane(.streams) { entries += tailEntries }
        }
        entries.append(("", "Commands"))
        for command in CommandLine.commands {
            entries.append((":" + command.name + (command.argument.map { " " + $0 } ?? ""), command.help))
        }
        return entries
    }

    /// What the general keys do in a stream's tail (Reducer+Streams).
    private static let tailEntries: [(String, String)] = [
        ("enter", "Tail the selected stream"),
        ("G end", "Tail: jump to the newest message and follow again"),
        ("up k", "Tail: pause and move up"),
        ("/", "Tail: show only messages whose key, properties or payload contain the text"),
        ("esc", "Tail: close it"),
    ]
}
