/// Every user action of the console, once: its name (for `:` commands and
/// key overrides in the config file), default keys, help line, and where it
/// applies. The help overlay, the key hint line, the command line's
/// completion and key rebinding all read this table, so they cannot drift.
public struct ActionDefinition: Sendable {
    public enum Scope: Sendable, Equatable {
        /// Anywhere (unless text is being edited, for printable keys).
        case global
        /// In one pane.
        case pane(PaneID)
        /// In the indexes view (shown in the Documents pane's place).
        case indexes
    }

    public let id: ActionID
    public let name: String
    public let help: String
    public let keys: [KeyEvent]
    public let scope: Scope
    /// Changes data: hidden and refused in read-only mode.
    public let mutates: Bool
    /// Shown on the hint line.
    public let hint: Bool
}

/// The identity of an action.
public enum ActionID: String, CaseIterable, Sendable {
    case quit, help, commandLine, filter, nextPane, previousPane, back
    case focusFabrics, focusCollections, focusDocuments, focusQuery
    case moveUp, moveDown, pageUp, pageDown, top, bottom, scrollLeft, scrollRight, open
    case refresh
    case createFabric, dropFabric
    case createCollection, truncateCollection, dropCollection, showIndexes, createIndex, dropIndex
    case newDocument, editDocument, deleteDocument, toggleFold, expandAll, collapseAll
    case runQuery, cancelQuery, explainQuery, toggleResultView, toggleBindVariables, historyPrevious, historyNext
    case savedQueries, saveQuery
    case focusStreams, togglePause, replayStream, publishMessage, showSubscriptions
    case focusRegions, takeDown, bringUp
}

public struct ActionRegistry: Sendable {
    public let definitions: [ActionDefinition]

    public init(_ definitions: [ActionDefinition]) {
        self.definitions = definitions
    }

    public func definition(_ id: ActionID) -> ActionDefinition {
        definitions.first { $0.id == id }!
    }

    /// The action `key` triggers in `scope` (a pane, or the indexes view):
    /// scoped actions first, then global ones.
    public func action(for key: KeyEvent, in scope: ActionDefinition.Scope, readOnly: Bool) -> ActionID? {
        let candidates = definitions.filter { $0.keys.contains(key) && !(readOnly && $0.mutates) }
        return (candidates.first { $0.scope == scope } ?? candidates.first { $0.scope == .global })?.id
    }

    /// The actions the hint line and help show for `scope`.
    public func visible(in scope: ActionDefinition.Scope, readOnly: Bool) -> [ActionDefinition] {
        definitions.filter { ($0.scope == .global || $0.scope == scope) && !(readOnly && $0.mutates) }
    }

    /// The registry with keys replaced from the config file's `[keys]`
    /// section (`action-name = key, key`); unknown names or keys are reported.
    public func overriding(_ overrides: [String: [String]]) -> (registry: ActionRegistry, problems: [String]) {
        var problems: [String] = []
        var definitions = self.definitions
        for (name, notations) in overrides {
            guard let i = definitions.firstIndex(where: { $0.name == name }) else {
                problems.append("unknown action '\(name)' in [keys]")
                continue
            }
            var keys: [KeyEvent] = []
            for notation in notations {
                if let key = KeyEvent(notation: notation) { keys.append(key) } else { problems.append("unknown key '\(notation)' for \(name)") }
            }
            let d = definitions[i]
            definitions[i] = ActionDefinition(id: d.id, name: d.name, help: d.help, keys: keys, scope: d.scope, mutates: d.mutates, hint: d.hint)
        }
        return (ActionRegistry(definitions), problems)
    }

    /// The built-in actions and keys.
    public static let standard = ActionRegistry([
        a(.quit, "quit", "Quit c8 (also :q; ctrl+c always quits)", ["q", "ctrl+c"], hint: true),
        a(.help, "help", "Show or hide this help", ["?"], hint: true),
        a(.commandLine, "command", "Open the command line (:fabric, :query, :theme, :export …)", [":"], hint: true),
        a(.filter, "filter", "Filter the focused list (esc clears)", ["/"], hint: true),
        a(.nextPane, "next-pane", "Focus the next pane (in the query editor tab completes or indents)", ["tab"], hint: true),
        a(.previousPane, "previous-pane", "Focus the previous pane (and the way out of the query editor)", ["shift+tab"]),
        a(.back, "back", "Go back / close / cancel", ["esc"]),
        a(.focusFabrics, "fabrics", "Focus the Fabrics pane", ["1"]),
        a(.focusCollections, "collections", "Focus the Collections pane", ["2"]),
        a(.focusDocuments, "documents", "Focus the Documents pane", ["3"]),
        a(.focusQuery, "query", "Focus the Query pane", ["4"]),
        a(.focusStreams, "streams", "Show and focus the Streams pane", ["5"]),
        a(.focusRegions, "regions", "Show and focus the Regions pane", ["6"]),
        a(.moveUp, "up", "Move up", ["up", "k"]),
        a(.moveDown, "down", "Move down", ["down", "j"]),
        a(.pageUp, "page-up", "Half a page up", ["ctrl+u", "pgup"]),
        a(.pageDown, "page-down", "Half a page down", ["ctrl+d", "pgdn"]),
        a(.top, "top", "Go to the top", ["g", "home"]),
        a(.bottom, "bottom", "Go to the bottom", ["G", "end"]),
        a(.scrollLeft, "left", "Scroll left", ["left", "h"]),
        a(.scrollRight, "right", "Scroll right", ["right", "l"]),
        a(.open, "open", "Open the selection", ["enter"]),
        a(.refresh, "refresh", "Reload the focused pane", ["ctrl+l"]),
        a(.createFabric, "create-fabric", "Create a fabric", ["n"], scope: .pane(.fabrics), mutates: true),
        a(.dropFabric, "drop-fabric", "Drop the selected fabric (type its name to confirm)", ["D"], scope: .pane(.fabrics), mutates: true),
        a(.createCollection, "create-collection", "Create a collection: NAME [document|edge|kv]", ["n"], scope: .pane(.collections), mutates: true),
        a(.truncateCollection, "truncate-collection", "Remove every document of the selected collection", ["t"], scope: .pane(.collections), mutates: true),
        a(.dropCollection, "drop-collection", "Drop the selected collection (type its name to confirm)", ["D"], scope: .pane(.collections), mutates: true),
        a(.showIndexes, "indexes", "Show the indexes of the selected collection", ["i"], scope: .pane(.collections)),
        a(.createIndex, "create-index", "Create an index: persistent|ttl|fulltext|geo FIELD[,FIELD] [unique] [sparse]", ["n"], scope: .indexes, mutates: true),
        a(.dropIndex, "drop-index", "Drop the selected index", ["d"], scope: .indexes, mutates: true),
        a(.newDocument, "new-document", "Create a document", ["n"], scope: .pane(.documents), mutates: true),
        a(.editDocument, "edit-document", "Edit the selected document ($EDITOR, else inline; ctrl+s saves)", ["e"], scope: .pane(.documents), mutates: true),
        a(.deleteDocument, "delete-document", "Delete the selected document", ["d"], scope: .pane(.documents), mutates: true),
        a(.toggleFold, "fold", "Document view: fold or unfold the object or array at the cursor (enter too)", ["space"],
          scope: .pane(.documents)),
        a(.expandAll, "unfold-all", "Document view: unfold everything", ["+"], scope: .pane(.documents)),
        a(.collapseAll, "fold-all", "Document view: fold every object and array below the top", ["-"], scope: .pane(.documents)),
        a(.runQuery, "run", "Run the query (F5 or ctrl+r)", ["F5", "ctrl+r"], scope: .pane(.query), hint: true),
        a(.cancelQuery, "cancel", "Cancel the running query", ["esc"], scope: .pane(.query)),
        a(.explainQuery, "explain", "Show the execution plan", ["F6", "ctrl+x"], scope: .pane(.query)),
        a(.toggleResultView, "result-view", "Show results as a table or as JSON", ["F7", "ctrl+t"], scope: .pane(.query)),
        a(.toggleBindVariables, "bind-variables", "Edit the bind variables (JSON)", ["F4", "ctrl+b"], scope: .pane(.query)),
        a(.historyPrevious, "history-previous", "Previous query from history (on the first line)", ["up"], scope: .pane(.query)),
        a(.historyNext, "history-next", "Next query from history (on the last line)", ["down"], scope: .pane(.query)),
        a(.savedQueries, "saved", "List saved queries (RESTQL)", ["F8"], scope: .pane(.query)),
        a(.saveQuery, "save", "Save the query as a RESTQL query (:save NAME)", ["F9"], scope: .pane(.query), mutates: true),
        a(.togglePause, "pause", "Tail: pause (the view stays, new messages are counted) or follow again", ["space"], scope: .pane(.streams)),
        a(.replayStream, "replay", "Tail the stream from its earliest message (:replay TIME skips older ones)", ["r"], scope: .pane(.streams)),
        a(.publishMessage, "publish", "Publish a message on the stream (payload, optional key)", ["p"], scope: .pane(.streams), mutates: true),
        a(.showSubscriptions, "subscriptions", "Show the stream's subscriptions: backlog and consumers", ["s"], scope: .pane(.streams)),
        a(.takeDown, "take-down", "Simulator: take the selected region or node down, or cut the selected link", ["d"],
          scope: .pane(.regions), mutates: true),
        a(.bringUp, "bring-up", "Simulator: bring the selected region or node up, or heal the selected link", ["u"],
          scope: .pane(.regions), mutates: true),
    ])

    private static func a(_ id: ActionID, _ name: String, _ help: String, _ keys: [String],
                          scope: ActionDefinition.Scope = .global, mutates: Bool = false, hint: Bool = false) -> ActionDefinition {
        ActionDefinition(id: id, name: name, help: help, keys: keys.compactMap(KeyEvent.init(notation:)), scope: scope, mutates: mutates, hint: hint)
    }
}
