extension Reducer {
    /// Folding in the Documents pane's JSON view (space, `+`, `-`); in the
    /// list the keys do nothing, as they have nothing to fold.
    static func foldDocumentView(_ state: inout AppState, _ action: ActionID) {
        guard state.focus == .documents, case .view(var view) = state.documents.mode else { return }
        switch action {
        case .toggleFold: _ = view.toggleFold()
        case .expandAll: view.expandAll()
        case .collapseAll: view.collapseAll()
        default: return
        }
        state.documents.mode = .view(view)
    }
}
