import C8Client
import C8Core

/// Everything the console shows, as plain values. `reduce` changes it,
/// `render` draws it; neither touches a terminal or the network.
public struct AppState: Sendable {
    // Connection and chrome
    public var endpoint: String
    /// The region the connection talks to (empty when it has none to
    /// name); the status bar shows it.
    public var region: String
    public var readOnly: Bool
    public var theme: Theme
    public var size: (width: Int, height: Int)
    public var focus: PaneID = .collections
    public var overlay: Overlay?
    public var message: StatusMessage?
    /// Requests in flight (a spinner shows while > 0).
    public var pending = 0
    public var quit = false
    public var actions: ActionRegistry
    /// `$EDITOR` is set: documents are edited there instead of inline.
    public var useExternalEditor = false
    /// Themes that `:theme` can switch to (for completion).
    public var themeNames: [String] = []

    // Fabrics and collections
    public var fabric = "_system"
    public var fabricList = ListView<FabricItem>()
    public var collectionList = ListView<CollectionItem>()
    /// The pane whose `/` filter is being typed, if any.
    public var filterEditing: PaneID?

    public var documents = DocumentsState()
    public var query: QueryState
    public var streams = StreamsState()
    public var regions = RegionsState()

    public init(endpoint: String, readOnly: Bool, theme: Theme, size: (width: Int, height: Int),
                actions: ActionRegistry = .standard, history: [String] = [], region: String = "") {
        self.endpoint = endpoint
        self.region = region
        self.readOnly = readOnly
        self.theme = theme
        self.size = size
        self.actions = actions
        self.query = QueryState(history: history)
    }

    public var fabrics: [FabricInfo] { fabricList.items.map(\.info) }
    public var collections: [CollectionInfo] { collectionList.items.map(\.info) }
    public var selectedFabric: FabricInfo? { fabricList.selectedItem?.info }
    public var selectedCollection: CollectionInfo? { collectionList.selectedItem?.info }

    /// The console needs at least this much room; smaller shows a message.
    public static let minimumSize = (width: 60, height: 16)
    /// The panes on screen, in tab order: Streams or Regions takes the
    /// place of Documents and Query while it is shown.
    public var visiblePanes: [PaneID] {
        if regions.shown { return [.fabrics, .collections, .regions] }
        return streams.shown ? [.fabrics, .collections, .streams] : [.fabrics, .collections, .documents, .query]
    }

    public var isTooSmall: Bool { size.width < Self.minimumSize.width || size.height < Self.minimumSize.height }
}

/// A line at the bottom: what just happened, or what went wrong.
public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var isError: Bool

    public static func info(_ text: String) -> StatusMessage { StatusMessage(text: text, isError: false) }
    public static func error(_ text: String) -> StatusMessage { StatusMessage(text: text, isError: true) }
    public static func error(_ error: C8Error) -> StatusMessage { .error("[\(error.errorNum)] \(error.message)") }
}


import Foundation
