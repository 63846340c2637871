import C8Client
import C8Core

/// The Query pane: the editor, bind variables, the results of the last run
/// (paged through its cursor), statistics, explain output and history.
public struct QueryState: Sendable {
    public var editor = TextEditor(text: "", highlighter: C8QLHighlighter())
    /// Starts empty (no bind variables): a `{}` already there made the
    /// first thing typed land after it, as `{}{"n": 3}`.
    public var bindEditor = TextEditor(text: "")
    /// The completion pop-up over the editor (tab opens it).
    public var completion = CompletionPopup()
    public var editingBindVariables = false
    public var running = false
    public var results: [JSON] = []
    public var cursorId: String?
    public var hasMore = false
    public var statistics: JSON = .null
    public var warnings: [JSON] = []
    public var error: String?
    public var resultView: ResultView = .table
    public var table = TableView(rows: [])
    public var json = JSONView(value: .array([]))
    /// The last plan asked for (shown instead of results until the next run).
    public var explain: JSONView?
    public var history: [String]
    /// Position while browsing history (nil: editing a new query).
    public var historyIndex: Int?
    public var lastRun: String?
    /// The saved query the results come from (nil: the editor's text).
    public var savedQuery: String?
    /// Milliseconds the last run took, measured by the console.
    public var elapsed: Double?

    public enum ResultView: Sendable { case table, json }

    public init(history: [String] = []) {
        self.history = history
    }

    /// A run starts: nothing of an earlier one stays on screen — not its
    /// rows (a failed run in between used to bring back the rows of the
    /// run before it), its error, its plan or its stats.
    /// Counts runs: a page carries the run that asked for it, and a page of
    /// an earlier run (a slow one overtaken by F5) is not shown.
    public private(set) var run = 0

    public mutating func beginRun(_ label: String, savedQuery: String? = nil) {
        run += 1
        running = true
        lastRun = label
        self.savedQuery = savedQuery
        error = nil
        explain = nil
        cursorId = nil
        hasMore = false
        results = []
        statistics = .null
        warnings = []
        elapsed = nil
        table = TableView(rows: [])
        json = JSONView(value: .array([]))
    }

    /// The bind variables set, on one line (`{"city":"Paris"}`) for the
    /// pane's title; nil when there are none (or while they do not parse).
    public var bindSummary: String? {
        guard let value = try? JSON.parse(bindEditor.text), let object = value.objectValue, !object.isEmpty else { return nil }
        return value.jsonString()
    }

    /// Attribute names seen in results (for completion).
    public var attributeNames: [String] {
        var seen = Set<String>()
        var names: [String] = []
        for row in results.prefix(200) {
            for key in row.objectValue?.keys ?? [] where seen.insert(key).inserted { names.append(key) }
        }
        return names
    }

    /// `3 rows`, `1 row`, `200+ rows` (more on the cursor).
    public var rowCount: String {
        "\(results.count)\(hasMore ? "+" : "") \(results.count == 1 && !hasMore ? "row" : "rows")"
    }

    /// The stats line: rows, time, scanned, warnings — of the last run
    /// that succeeded; none while one runs or after one failed.
    public var statsLine: String? {
        guard lastRun != nil, !running, error == nil else { return nil }
        var parts = [savedQuery.map { "saved query \($0): \(rowCount)" } ?? rowCount]
        if let elapsed { parts.append(String(format: "%.1f ms", elapsed)) }
        let scanned = (statistics["scannedFull"].intValue ?? 0) + (statistics["scannedIndex"].intValue ?? 0)
        parts.append("scanned \(scanned) (\(statistics["scannedIndex"].intValue ?? 0) by index)")
        if let writes = statistics["writesExecuted"].intValue, writes > 0 { parts.append("\(writes) writes") }
        if !warnings.isEmpty { parts.append("\(warnings.count) warning\(warnings.count == 1 ? "" : "s")") }
        return parts.joined(separator: " · ")
    }
}
