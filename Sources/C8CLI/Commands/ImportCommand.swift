import C8Client
import C8Core
import C8Engine

/// `c8 import`: documents from a file or stdin into a collection.
public struct ImportCommand: Command {
    public static let name = "import"

    public static let create = OptionSpec.flag(
        "create",
        summary: "Create the collection if it does not exist")

    public static let edge = OptionSpec.flag(
        "edge",
        summary: "With --create, make it an edge collection (documents need _from and _to)")

    public static let skipErrors = OptionSpec.flag(
        "skip-errors",
        summary: "Report corrupt or refused documents on stderr and import the rest")

    public static let bulkLimit = OptionSpec.value(
        "bulk-limit", "N",
        summary: "Most documents loaded into an empty collection in one bulk load held in memory "
            + "(default \(NumberText.count(BulkDocumentImporter.defaultLimit)); 0: always in batches)",
        kind: .integer(0...Int(Int32.max - 1)))

    public static let compact = OptionSpec.flag(
        "compact",
        summary: "After the load, compact the data dir's storage into one sorted run (the bulk-load step, like VACUUM)")

    public static let file = PositionalSpec(
        "FILE",
        summary: "JSON lines (.jsonl) or one JSON array of documents; - reads standard input")

    public let spec = CommandSpec(
        name: ImportCommand.name,
        summary: "Load documents from a JSON lines file or a JSON array",
        usage: [
            "[--data-dir DIR | --url URL (--api-key KEY | --email EMAIL)]",
            "[--insecure]",
            "--collection C [--create] [--edge] [--skip-errors] [--compact]",
            "[--regions r1,r2,...] [--fabric F] [--bulk-limit N] FILE",
        ],
        description: """
            Loads documents into a collection of the embedded engine or, with \
            --url, of a remote endpoint. The input is either JSON lines, one \
            document per line, or a single JSON array of documents (recognized \
            by its leading '['); use - to read standard input. 'c8 export' \
            writes the format back out.

            Into an empty collection (or one --create makes) the whole input \
            is read into memory, parsed on every core and written in one \
            bulk load, as one sorted table file; memory then needs several \
            times the input's size. Past --bulk-limit documents, and into a \
            collection that already holds documents, the input is streamed \
            in batches of 1,000 instead, so files larger than memory import \
            fine.

            An import is all or nothing: the first corrupt line or refused \
            document (a duplicate _key, an edge without a valid _from) stops \
            it with an error naming the line, and nothing of it is kept (a \
            bulk load writes nothing; in batches, every document already \
            inserted is removed again; a collection it created is dropped); \
            Ctrl-C or SIGTERM stops it the same way. \
            With --skip-errors, bad documents are reported on stderr and the \
            rest is imported (a JSON array whose structure is broken, such as \
            one never closed, still stops the import).

            With --compact, once the documents are in, the storage of every \
            region of the data dir is rewritten into one sorted run — the \
            step after a bulk load, as VACUUM ANALYZE is for PostgreSQL: a \
            bulk-loaded and then indexed store is spread over several \
            levels, and every index seek has to position each of them \
            (Docs/DATA.md). It takes about as long as writing the data once \
            more, is reported on stderr and counts in the import's time. A \
            server compacts on PUT /_admin/compact instead, so --compact \
            needs a data dir, not --url.
            """,
        options: [.dataDir, .regions, .url, .apiKey, .email, .insecure, .fabric, .collection, ImportCommand.create, ImportCommand.edge,
                  ImportCommand.skipErrors, ImportCommand.bulkLimit, ImportCommand.compact],
        positionals: [ImportCommand.file],
        constraints: [.embeddedOrRemote],
        examples: [
            "c8 import --collection users --create users.jsonl",
            "curl -s https://example.com/data.json | c8 import --collection cities -",
            "c8 import --collection edges --create --edge --compact edges.jsonl",
        ])

    public init() {}

    public func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let name = arguments.value(.collection) ?? ""
        let input = try DocumentInput(path: arguments.value(Self.file) ?? "-", standardInput: context.standardInput)
        // Ctrl-C stops the import between documents and rolls it back: the
        // promise is all or nothing, and a killed process kept half.
        let stop = StopSignals()
        defer { stop.cancel() }
        input.stopRequested = { stop.receivedSignal }
        let stopwatch = Stopwatch()
        let outcome = try Self.load(input, into: name, arguments, context: context)
        // Timed after the engine closed: the write-ahead log is synced then,
        // so the rate is that of durable documents.
        let summary = TransferSummary(verb: "imported", documents: outcome.imported, place: "into \(name)",
                                      seconds: stopwatch.seconds, skipped: outcome.skipped)
        context.standardOutput.writeLine(summary.description)
        return ExitStatus.success
    }

    /// Opens the engine (or connects to `--url`), imports `input` (undoing
    /// it on failure), closes.
    private static func load(_ input: DocumentInput, into name: String, _ arguments: ParsedArguments,
                             context: CommandContext) throws -> DocumentImporter.Outcome {
        let skipErrors = arguments.isSet(Self.skipErrors)
        let progress = ProgressBar.onTerminal(context.standardError, verb: "importing", total: input.totalBytes)
        defer { progress?.clear() }
        let report: (ImportProblem) -> Void = { problem in
            progress?.clear()
            context.standardError.writeLine("\(ToolInfo.name) \(Self.name): skipped \(problem)")
        }
        if let endpoint = RemoteEndpoint.resolve(arguments) {
            if arguments.isSet(Self.compact) {
                throw UsageError.invalid("--compact works on a data dir; a server compacts on PUT /_admin/compact")
            }
            let connection = try endpoint.connect(context: context)
            defer { connection.close() }
            let fabric = arguments.value(.fabric) ?? "_system"
            let created = try Self.remoteCollection(named: name, in: fabric, on: connection,
                                                    create: arguments.isSet(Self.create), edge: arguments.isSet(Self.edge))
            let target = ConnectionImportTarget(connection: connection, collection: name, fabric: fabric)
            let importer = DocumentImporter(collection: target, skipErrors: skipErrors, reportSkipped: report)
            return try Self.run(importer, input, progress: progress, dropCreated: !created ? nil : {
                try AsyncBridge.wait { () async throws(C8Error) in try await connection.dropCollection(name, in: fabric) }
            })
        }

        let target = try EmbeddedFabric.open(arguments, context: context)
        defer { target.close() }
        let (collection, created) = try Self.collection(
            named: name, in: target.fabric, create: arguments.isSet(Self.create), edge: arguments.isSet(Self.edge))
        let bulkLimit = arguments.integer(Self.bulkLimit) ?? BulkDocumentImporter.defaultLimit
        // Bulk only into an empty collection: that is where bulkInsert
        // ingests a table file; into one with documents it would take the
        // transactional path, holding everything in memory for nothing.
        let importer: any DocumentLoader = bulkLimit > 0 && collection.count == 0
            ? BulkDocumentImporter(collection: collection, limit: bulkLimit, skipErrors: skipErrors, reportSkipped: report)
            : DocumentImporter(collection: collection, skipErrors: skipErrors, reportSkipped: report)
        let outcome = try Self.run(importer, input, progress: progress, dropCreated: !created ? nil : {
            try target.fabric.dropCollection(collection.name)
        })
        if arguments.isSet(Self.compact) {
            progress?.clear()
            let stopwatch = Stopwatch()
            try target.federation.compact()
            context.standardError.writeLine("\(ToolInfo.name) \(Self.name): compacted the data dir in \(NumberText.seconds(stopwatch.seconds))")
        }
        return outcome
    }

    /// Runs `importer`; on failure undoes it — `dropCreated` when the import
    /// created the collection, else removing what it inserted.
    private static func run(_ importer: any DocumentLoader, _ input: DocumentInput, progress: ProgressBar?,
                            dropCreated: (() throws -> Void)?) throws -> DocumentImporter.Outcome {
        do {
            return try importer.run(input, progress: progress)
        } catch {
            progress?.clear()
            throw Self.rollBack(importer, dropCreated: dropCreated, after: error)
        }
    }

    /// The remote target collection, created when missing and `create` is
    /// set. - Returns: whether it was created.
    private static func remoteCollection(named name: String, in fabric: String, on connection: any C8Connection,
                                         create: Bool, edge: Bool) throws -> Bool {
        let collections = try AsyncBridge.wait { () async throws(C8Error) in try await connection.collections(in: fabric) }
        if let existing = collections.first(where: { $0.name == name }) {
            if edge && existing.kind != .edge {
                throw CommandFailure("--edge: collection \(name) exists and is a document collection")
            }
            return false
        }
        guard create else {
            throw CommandFailure("\(C8Error(.collectionNotFound, detail: name)) (pass --create to create it)")
        }
        let options: JSON = edge ? ["type": 3] : [:]
        _ = try AsyncBridge.wait { () async throws(C8Error) in try await connection.createCollection(name, in: fabric, options: options) }
        return true
    }

    /// The target collection, created when missing and `create` is set.
    private static func collection(named name: String, in fabric: Fabric, create: Bool, edge: Bool) throws
        -> (collection: DocumentCollection, created: Bool) {
        if let existing = try? fabric.collection(name) {
            if edge && existing.type != .edge {
                throw CommandFailure("--edge: collection \(name) exists and is a document collection")
            }
            return (existing, false)
        }
        guard create else {
            throw CommandFailure("\(C8Error(.collectionNotFound, detail: name)) (pass --create to create it)")
        }
        return (try fabric.createCollection(name, options: CollectionOptions(type: edge ? .edge : .document)), true)
    }

    /// Undoes a failed import — drops the collection it created, or removes
    /// what it inserted — and returns the failure to report.
    private static func rollBack(_ importer: any DocumentLoader, dropCreated: (() throws -> Void)?,
                                 after error: any Error) -> CommandFailure {
        let reason = (error as? CommandFailure)?.message ?? String(describing: error)
        do {
            if let dropCreated {
                try dropCreated()
            } else {
                try importer.undo()
            }
        } catch {
            return CommandFailure("\(reason); undoing the import failed too (\(error)), "
                                  + "\(importer.insertedKeys.count) of its documents may remain")
        }
        return CommandFailure("\(reason) (nothing was imported)")
    }
}
