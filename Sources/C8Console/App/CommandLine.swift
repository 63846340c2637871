/// The `:` commands: names, arguments and completion.
enum CommandLine {
    /// Each command, with what it takes, for help and completion.
    static let commands: [(name: String, argument: String?, help: String)] = [
        ("fabrics", nil, "focus the Fabrics pane"),
        ("collections", nil, "focus the Collections pane"),
        ("documents", "[COLLECTION]", "focus Documents, opening COLLECTION"),
        ("query", "[TEXT]", "focus the editor; with TEXT, replace it and run it"),
        ("fabric", "NAME", "switch to fabric NAME"),
        ("theme", "NAME", "switch colour theme"),
        ("export", "FILE", "write the results (or the open collection) as JSON lines"),
        ("indexes", nil, "show the indexes of the selected collection"),
        ("saved", nil, "list saved queries"),
        ("save", "NAME", "save the query as NAME"),
        ("explain", nil, "explain the query in the editor"),
        ("streams", nil, "show and focus the Streams pane"),
        ("tail", "NAME", "tail stream NAME"),
        ("filter", "[EXPR]", "keep tailed messages where the C8QL EXPR over msg is true; no EXPR clears"),
        ("replay", "[TIME]", "tail from the earliest message, or from TIME (2026-11-22T10:00)"),
        ("buffer", "N", "keep N messages per tail (default 10000)"),
        ("help", nil, "show help"),
        ("q", nil, "quit"),
        ("quit", nil, "quit"),
    ]

    /// Full command lines that complete `text`.
    static func completions(for text: String, state: AppState) -> [String] {
        let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        if parts.count <= 1 {
            return commands.map(\.name).filter { $0.hasPrefix(text) }.map { name in
                commands.first { $0.name == name }?.argument == nil ? name : name + " "
            }
        }
        let argument = parts[1]
        let candidates: [String] = switch parts[0] {
        case "fabric": state.fabrics.map(\.name)
        case "documents": state.collections.map(\.name)
        case "theme": state.themeNames
        case "tail": state.streams.list.items.map(\.summary.name)
        default: []
        }
        return candidates.filter { $0.hasPrefix(argument) }.map { parts[0] + " " + $0 }
    }
}
