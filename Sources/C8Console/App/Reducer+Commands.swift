import C8Client
import C8Core

extension Reducer {
    /// Runs a `:` command line.
    static func runCommand(_ state: inout AppState, _ text: String) -> [Effect] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
        guard let name = parts.first else { return [] }
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
        switch name {
        case "q", "quit", "q!":
            state.quit = true
            return closeOnQuit(&state)
        case "help":
            state.overlay = .help(scroll: 0)
        case "fabrics":
            state.focus = .fabrics
        case "collections":
            state.focus = .collections
        case "documents":
            guard let collection = argument else {
                state.focus = .documents
                return []
            }
            guard state.collections.contains(where: { $0.name == collection }) else {
                state.message = .error("[1203] collection or view not found: \(collection)")
                return []
            }
            return openCollection(&state, collection)
        case "query":
            state.focus = .query
            if let argument {
                state.query.editor.text = argument
                return runQuery(&state)
            }
        case "fabric":
            guard let fabric = argument else {
                state.message = .error(":fabric needs a name")
                return []
            }
            guard state.fabrics.isEmpty || state.fabrics.contains(where: { $0.name == fabric }) else {
                state.message = .error("[1228] database not found: \(fabric)")
                return []
            }
            return switchFabric(&state, fabric)
        case "theme":
            guard let theme = argument else {
                state.message = .info("themes: \(state.themeNames.joined(separator: ", "))")
                return []
            }
            return [.loadTheme(theme)]
        case "export":
            guard let path = argument else {
                state.message = .error(":export needs a file name")
                return []
            }
            if state.focus == .documents, let collection = state.documents.collection {
                return [.export(path: path, source: .collection(collection), fabric: state.fabric)]
            }
            guard !state.query.results.isEmpty else {
                state.message = .error("nothing to export: run a query or open a collection")
                return []
            }
            return [.export(path: path, source: .rows(state.query.results), fabric: state.fabric)]
        case "indexes":
            return perform(&state, .showIndexes)
        case "saved":
            return perform(&state, .savedQueries)
        case "save":
            guard let saveName = argument else { return perform(&state, .saveQuery) }
            return submit(&state, Prompt(title: "", hint: "", text: saveName, purpose: .saveQuery))
        case "explain":
            return perform(&state, .explainQuery)
        default:
            if let effects = runStreamCommand(&state, name, argument) { return effects }
            if let effects = runRegionCommand(&state, name, argument) { return effects }
            if let action = state.actions.definitions.first(where: { $0.name == name }) {
                return perform(&state, action.id)
            }
            state.message = .error("unknown command :\(name) — :help lists them")
        }
        return []
    }
}
