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
        ("regions", nil, "show and focus the Regions pane"),
        ("region", "[NAME]", "talk to region NAME; alone, say which region the console talks to"),
        ("partition", "R1 R2", "simulator: cut the link between two regions (replication waits)"),
        ("heal", "[R1 R2]", "simulator: heal every link, or the one between R1 and R2"),
        ("down", "R", "simulator: take region R down"),
        ("up", "R", "simulator: bring region R up"),
        ("latency", "R1 R2 MS", "simulator: set the latency between two regions in milliseconds"),
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
        if let arguments = RegionCommand.arguments[parts[0]] {
            return regionCompletions(parts[0], argument, arguments, state: state)
        }
        let candidates: [String] = switch parts[0] {
        case "fabric": state.fabrics.map(\.name)
        case "documents": state.collections.map(\.name)
        case "theme": state.themeNames
        case "tail": state.streams.list.items.map(\.summary.name)
        default: []
        }
        return candidates.filter { $0.hasPrefix(argument) }.map { parts[0] + " " + $0 }
    }

    /// Completes the region name being typed (the last word), after the
    /// ones already typed; a space follows when another argument is due.
    private static func regionCompletions(_ command: String, _ argument: String,
                                          _ arguments: (regions: Int, more: Bool), state: AppState) -> [String] {
        let words = argument.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard words.count <= arguments.regions, let last = words.last else { return [] }
        let typed = words.dropLast()
        let lead = command + " " + typed.map { $0 + " " }.joined()
        let more = words.count < arguments.regions || arguments.more
        return regionNames(state).filter { $0.hasPrefix(last) && !typed.contains($0) }.map { lead + $0 + (more ? " " : "") }
    }

    /// The simulator's regions; before its first answer, those the fabrics
    /// and the status bar name.
    private static func regionNames(_ state: AppState) -> [String] {
        let names = state.regions.regionNames
        guard names.isEmpty else { return names }
        var seen: Set<String> = []
        return ([state.region] + state.fabrics.flatMap(\.regions)).filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
