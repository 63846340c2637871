import C8Client
import C8Core

extension Reducer {
    /// What panes take from a completion besides what ``complete(_:_:)``
    /// does with it: the Documents pane follows writes and counts, and a
    /// dropped fabric is left.
    static func followCompletion(_ state: inout AppState, _ completion: Completion) -> [Effect] {
        switch completion {
        case .collections(let fabric, .success(let collections)):
            guard fabric == state.fabric else { return [] }
            return followCollectionCounts(&state, collections)
        case .documents(let collection, _, _, let result):
            return followDocumentsPage(&state, collection: collection, result)
        case .changed(.success, .documents):
            if state.documents.isEditing { state.documents.mode = .list }
            return reloadDocuments(&state)
        case .queryPage(.success(let page), true, _, _):
            // A query that wrote may have changed any collection's count.
            guard (page.statistics["writesExecuted"].intValue ?? 0) > 0 else { return [] }
            return reloadDocuments(&state)
        case .fabrics(.success(let fabrics)):
            return leaveDroppedFabric(&state, fabrics)
        default:
            return []
        }
    }

    /// `complete` would reload the documents from the top after a change;
    /// ``followCompletion(_:_:)`` reloads them where they are instead.
    static func reloadingInPlace(_ completion: Completion) -> Completion {
        guard case .changed(.success(let summary), .documents) = completion else { return completion }
        return .changed(.success(summary), reload: .nothing)
    }

    /// The fabric the console is in is gone (dropped here or elsewhere):
    /// back to `_system`, or every request would fail with 1228.
    static func leaveDroppedFabric(_ state: inout AppState, _ fabrics: [FabricInfo]) -> [Effect] {
        guard let fallback = fabrics.first(where: \.isSystem) ?? fabrics.first,
              !fabrics.contains(where: { $0.name == state.fabric }) else { return [] }
        let gone = state.fabric
        let focus = state.focus
        let effects = switchFabric(&state, fallback.name)
        state.focus = focus
        state.fabricList.select(id: fallback.name)
        state.message = .info("fabric \(gone) is gone: switched to \(fallback.name)")
        return effects
    }
}
