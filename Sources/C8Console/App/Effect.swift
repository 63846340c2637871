import C8Client
import C8Core

/// Work the reducer asks for: requests to the connection, files, the
/// external editor. The app runs them off the UI thread and feeds their
/// outcome back as ``Action/completed(_:)``.
public enum Effect: Sendable {
    case loadFabrics
    case loadCollections(fabric: String)
    /// A page of documents after (or, descending, before) a key.
    case loadDocuments(fabric: String, collection: String, after: String?, descending: Bool, placement: PagePlacement)
    case loadIndexes(fabric: String, collection: String)
    /// `run` tags the pages that come back (``QueryState/run``).
    case runQuery(QueryRequest, fabric: String, run: Int)
    case nextQueryPage(cursor: String, fabric: String, run: Int)
    case closeCursor(String, fabric: String)
    case cancelQuery(fabric: String)
    case explain(QueryRequest, fabric: String)
    case createFabric(String)
    case dropFabric(String)
    case createCollection(name: String, options: JSON, fabric: String)
    case truncateCollection(String, fabric: String)
    case dropCollection(String, fabric: String)
    case createIndex(collection: String, definition: JSON, fabric: String)
    case dropIndex(collection: String, id: String, fabric: String)
    case insertDocument(collection: String, document: JSON, fabric: String)
    case replaceDocument(collection: String, key: String, document: JSON, rev: String?, fabric: String)
    case removeDocument(collection: String, key: String, fabric: String)
    case loadSavedQueries(fabric: String)
    case saveQuery(name: String, text: String, parameters: JSON, fabric: String)
    case runSavedQuery(name: String, fabric: String, run: Int)
    /// Writes JSON lines: given rows, or a whole collection streamed.
    case export(path: String, source: ExportSource, fabric: String)
    /// Opens `$EDITOR` on `text` (the app suspends the terminal).
    case editExternally(text: String, key: String?, rev: String?)
    case saveHistory(fabric: String, entries: [String])
    case loadHistory(fabric: String)
    case loadTheme(String)
    /// Reads the fabric's streams and each one's stats, after `delay` seconds.
    case pollStreams(fabric: String, generation: Int, delay: Double)
    /// Starts tail `id` on `topic`; its messages come back in batches.
    case openTail(topic: String, fabric: String, id: Int, fromEarliest: Bool)
    case closeTail(id: Int)
    /// Evaluates a `:filter` expression over a batch of payloads.
    case filterMessages(expression: String, payloads: [JSON], fabric: String, tail: Int, generation: Int)
    case publishMessage(topic: String, message: OutgoingStreamMessage, fabric: String)
    /// Reads the simulator's status after `delay` seconds (generation 0:
    /// once at start, for the region names completion offers).
    case pollRegions(generation: Int, delay: Double)
    /// Partitions, heals, takes a region or node down or up, sets latency.
    case simulate(SimulatorAction)
    /// Binds the connection to another region.
    case useRegion(String)

    public enum PagePlacement: Sendable, Equatable {
        /// A new window (open, g, G).
        case replace
        /// After the loaded rows (scrolling down).
        case append
        /// Before the loaded rows (scrolling up).
        case prepend
        /// The window again after a change, from where it started
        /// (`fromStart`: the first document, else just after the key asked
        /// for); the selection stays on `selectedKey`, or at `index` of the
        /// page when that document is gone.
        case reload(fromStart: Bool, selectedKey: String?, index: Int)
    }

    public enum ExportSource: Sendable {
        case rows([JSON])
        case collection(String)
    }
}

/// What the outcome of an effect says.
public enum Completion: Sendable {
    case fabrics(Result<[FabricInfo], C8Error>)
    case collections(fabric: String, Result<[CollectionInfo], C8Error>)
    case documents(collection: String, placement: Effect.PagePlacement, descending: Bool, Result<[JSON], C8Error>)
    case indexes(collection: String, Result<[JSON], C8Error>)
    case queryPage(Result<CursorPage, C8Error>, first: Bool, elapsed: Double, run: Int)
    case explained(Result<JSON, C8Error>)
    case savedQueries(Result<[JSON], C8Error>)
    /// A change went through (or not); `reload` says what to refresh.
    case changed(Result<String, C8Error>, reload: Reload)
    case edited(text: String?, key: String?, rev: String?, error: String?)
    case exported(Result<String, C8Error>)
    case history(fabric: String, [String])
    case theme(Result<Theme, ThemeError>)
    case streamsPolled(fabric: String, generation: Int, Result<[StreamSnapshot], C8Error>)
    case tailOpened(id: Int, error: C8Error?)
    case tailMessages(id: Int, [StreamMessageView])
    /// The tail's stream ended (closed, deleted, or the connection failed).
    case tailEnded(id: Int)
    case messagesFiltered(tail: Int, generation: Int, Result<[Bool], C8Error>)
    case regionsPolled(generation: Int, Result<SimulatorStatus, C8Error>)
    /// The region the connection talks to now.
    case regionSwitched(Result<String, C8Error>)

    public enum Reload: Sendable, Equatable {
        case fabrics, collections, documents, indexes, savedQueries, regions, nothing
    }
}
