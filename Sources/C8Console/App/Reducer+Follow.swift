import C8Client
import C8Core

extension Reducer {
    /// What panes take from a completion besides what ``complete(_:_:)``
    /// does with it: the Documents pane follows writes and counts.
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
        case .queryPage(.success(let page), true, _):
            // A query that wrote may have changed any collection's count.
            guard (page.statistics["writesExecuted"].intValue ?? 0) > 0 else { return [] }
            return reloadDocuments(&state)
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
}
