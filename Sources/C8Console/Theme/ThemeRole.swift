/// Every UI element a theme can colour.
///
/// The one list the parser accepts, Docs/THEMES.md documents and the tests
/// check every shipped theme against; adding a case here makes the tests name
/// each file and table row that still lacks it. Raw values are the keys used
/// in theme files.
public enum ThemeRole: String, CaseIterable, Sendable {
    // Base
    case text = "text"
    case textMuted = "text.muted"
    case background = "background"
    // Panes
    case paneBorder = "pane.border"
    case paneBorderFocused = "pane.border.focused"
    case paneTitle = "pane.title"
    case paneTitleFocused = "pane.title.focused"
    case scrollbar = "scrollbar"
    // Lists and tables
    case listHeader = "list.header"
    case listSelected = "list.selected"
    case listSelectedUnfocused = "list.selected.unfocused"
    case listMatch = "list.match"
    case listMarked = "list.marked"
    // Navigation and status
    case breadcrumb = "breadcrumb"
    case breadcrumbCurrent = "breadcrumb.current"
    case statusBar = "status.bar"
    case statusContext = "status.context"
    case statusError = "status.error"
    case statusBadgeReadOnly = "status.badge.readonly"
    // Collection badges
    case badgeSpot = "badge.spot"
    case badgeLocal = "badge.local"
    case badgeEdge = "badge.edge"
    case badgeKeyValue = "badge.kv"
    // Key hints
    case hintKey = "hint.key"
    case hintText = "hint.text"
    // Dialogs and input
    case dialogBorder = "dialog.border"
    case dialogTitle = "dialog.title"
    case dialogDanger = "dialog.danger"
    case input = "input"
    case inputCursor = "input.cursor"
    case inputPlaceholder = "input.placeholder"
    // JSON documents
    case jsonKey = "json.key"
    case jsonString = "json.string"
    case jsonNumber = "json.number"
    case jsonBool = "json.bool"
    case jsonNull = "json.null"
    case jsonPunctuation = "json.punctuation"
    // Query editor
    case queryKeyword = "query.keyword"
    case queryFunction = "query.function"
    case queryString = "query.string"
    case queryNumber = "query.number"
    case queryComment = "query.comment"
    case queryBind = "query.bind"
    case queryOperator = "query.operator"
    case completionItem = "completion.item"
    case completionSelected = "completion.selected"
    // Messages
    case error = "error"
    case warning = "warning"
    case success = "success"
    // Regions and metrics
    case sparkline = "sparkline"
    case regionUp = "region.up"
    case regionLagging = "region.lagging"
    case regionDown = "region.down"
    case linkHealthy = "link.healthy"
    case linkPartitioned = "link.partitioned"

    /// What the role colours, for Docs/THEMES.md and a theme preview.
    public var summary: String {
        switch self {
        case .text: return "Ordinary text everywhere"
        case .textMuted: return "Secondary text: counts, timestamps, empty-list notes"
        case .background: return "Blank cells: pane interiors and the screen behind them"
        case .paneBorder: return "Frames of panes without focus"
        case .paneBorderFocused: return "Frame of the pane with keyboard focus"
        case .paneTitle: return "Titles of panes without focus"
        case .paneTitleFocused: return "Title of the pane with keyboard focus"
        case .scrollbar: return "Scroll position indicator of long lists and documents"
        case .listHeader: return "Column headers of lists and result tables"
        case .listSelected: return "Cursor row in the focused list"
        case .listSelectedUnfocused: return "Cursor row in lists without focus"
        case .listMatch: return "Characters matching the `/` filter"
        case .listMarked: return "Rows marked with space for a bulk action"
        case .breadcrumb: return "Earlier views in the navigation trail"
        case .breadcrumbCurrent: return "Current view in the navigation trail"
        case .statusBar: return "Status line at the bottom of the screen"
        case .statusContext: return "Connection, fabric and region shown in the status line"
        case .statusError: return "Error message in the status line"
        case .statusBadgeReadOnly: return "READ-ONLY badge when writes are disabled"
        case .badgeSpot: return "Spot-collection badge"
        case .badgeLocal: return "Local (non-replicated) collection badge"
        case .badgeEdge: return "Edge-collection badge"
        case .badgeKeyValue: return "Key-value collection badge"
        case .hintKey: return "Keys in the hint bar and help overlay"
        case .hintText: return "Descriptions next to those keys"
        case .dialogBorder: return "Frame of dialogs and pop-ups"
        case .dialogTitle: return "Title of dialogs and pop-ups"
        case .dialogDanger: return "Confirmation of a destructive action (drop, truncate, delete)"
        case .input: return "Text fields: command line, filter, bind values"
        case .inputCursor: return "Cursor cell in a text field"
        case .inputPlaceholder: return "Hint text in an empty text field"
        case .jsonKey: return "Object keys in JSON documents"
        case .jsonString: return "String values in JSON documents"
        case .jsonNumber: return "Numbers in JSON documents"
        case .jsonBool: return "true and false in JSON documents"
        case .jsonNull: return "null in JSON documents"
        case .jsonPunctuation: return "Braces, brackets, colons and commas in JSON"
        case .queryKeyword: return "C8QL keywords (FOR, FILTER, RETURN, ...)"
        case .queryFunction: return "C8QL function names"
        case .queryString: return "String literals in queries"
        case .queryNumber: return "Number literals in queries"
        case .queryComment: return "Comments in queries"
        case .queryBind: return "Bind parameters (@name, @@collection)"
        case .queryOperator: return "Operators (==, &&, IN, ..)"
        case .completionItem: return "Entries of the completion pop-up"
        case .completionSelected: return "Chosen entry of the completion pop-up"
        case .error: return "Error messages in panes and dialogs"
        case .warning: return "Warnings (slow query, lagging replication)"
        case .success: return "Confirmations (saved, created, imported)"
        case .sparkline: return "Mini charts of throughput and latency"
        case .regionUp: return "A region that is reachable"
        case .regionLagging: return "A region whose replication lags behind"
        case .regionDown: return "A region that is unreachable"
        case .linkHealthy: return "A replication link between regions that works"
        case .linkPartitioned: return "A replication link cut by a partition"
        }
    }

    /// Attributes a role gets when a theme omits it: it then takes the
    /// colours of `text` plus these, so every role stays distinguishable
    /// where it matters even in a theme that defines only `text`.
    public var fallbackAttributes: TextAttributes {
        switch self {
        case .text, .background, .paneBorder, .breadcrumb, .hintText, .input,
             .jsonString, .jsonNumber, .jsonBool, .queryFunction, .queryString,
             .queryNumber, .queryOperator, .completionItem, .success, .sparkline,
             .regionUp, .linkHealthy:
            return []
        case .textMuted, .inputPlaceholder, .jsonNull, .jsonPunctuation,
             .queryComment, .scrollbar:
            return .dim
        case .paneBorderFocused, .paneTitle, .listMarked, .breadcrumbCurrent,
             .badgeSpot, .badgeLocal, .badgeEdge, .badgeKeyValue, .hintKey, .dialogBorder,
             .dialogTitle, .jsonKey, .queryKeyword, .error, .warning, .linkPartitioned:
            return .bold
        case .listSelectedUnfocused, .queryBind, .regionLagging:
            return .underline
        case .listHeader, .listMatch:
            return [.bold, .underline]
        case .listSelected, .inputCursor, .completionSelected, .statusBar:
            return .reverse
        case .paneTitleFocused, .statusContext, .statusError, .statusBadgeReadOnly,
             .dialogDanger, .regionDown:
            return [.bold, .reverse]
        }
    }

    /// Roles that must look different from plain text on every terminal,
    /// because the user would otherwise lose track of focus, the cursor or
    /// a failure. When adapting to fewer colours makes one of them look like
    /// `text`, it gets its `fallbackAttributes`.
    public var mustStandOut: Bool {
        switch self {
        case .paneBorderFocused, .paneTitleFocused, .listSelected, .listSelectedUnfocused,
             .listMatch, .listMarked, .breadcrumbCurrent, .statusBar, .statusError,
             .statusBadgeReadOnly, .dialogDanger, .inputCursor, .completionSelected,
             .error, .regionDown, .linkPartitioned:
            return true
        default:
            return false
        }
    }
}
