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

    public static let file = PositionalSpec(
        "FILE",
        summary: "JSON lines (.jsonl) or one JSON array of documents; - reads standard input")

    public let spec = CommandSpec(
        name: ImportCommand.name,
        summary: "Load documents from a JSON lines file or a JSON array",
        usage: [
            "[--data-dir DIR | --url URL --api-key KEY] [--fabric F]",
            "--collection C [--create] [--edge] [--skip-errors] FILE",
        ],
        description: """
            Loads documents into a collection of the embedded engine or, with \
            --url, of a remote endpoint. The input is either JSON lines, one \
            document per line, or a single JSON array of documents (recognized \
            by its leading '['); use - to read standard input. Both are read \
            in chunks, so files larger than memory import fine. 'c8 export' \
            writes the format back out.

            An import is all or nothing: the first corrupt line or refused \
            document (a duplicate _key, an edge without a valid _from) stops \
            it with an error naming the line, and every document it already \
            inserted is removed again (a collection it created is dropped). \
            With --skip-errors, bad documents are reported on stderr and the \
            rest is imported (a JSON array whose structure is broken, such as \
            one never closed, still stops the import).
            """,
        options: [.dataDir, .url, .apiKey, .fabric, .collection, ImportCommand.create, ImportCommand.edge,
                  ImportCommand.skipErrors],
        positionals: [ImportCommand.file],
        constraints: [.embeddedOrRemote],
        examples: [
            "c8 import --collection users --create users.jsonl",
            "curl -s https://example.com/data.json | c8 import --collection cities -",
        ])

    public init() {}

    public func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let name = arguments.value(.collection) ?? ""
        let input = try DocumentInput(path: arguments.value(Self.file) ?? "-", standardInput: context.standardInput)
        let stopwatch = Stopwatch()
        let outcome = try Self.load(input, into: name, arguments, context: context)
        // Timed after the engine closed: the write-ahead log is synced then,
        // so the rate is that of durable documents.
        let summary = TransferSummary(verb: "imported", documents: outcome.imported, place: "into \(name)",
                                      seconds: stopwatch.seconds, skipped: outcome.skipped)
        context.standardOutput.writeLine(summary.description)
        return ExitStatus.success
    }

    /// Opens the engine, imports `input` (undoing it on failure), closes.
    private static func load(_ input: DocumentInput, into name: String, _ arguments: ParsedArguments,
                             context: CommandContext) throws -> DocumentImporter.Outcome {
        let target = try EmbeddedFabric.open(arguments, context: context)
        defer { target.close() }
        let (collection, created) = try Self.collection(
            named: name, in: target.fabric, create: arguments.isSet(Self.create), edge: arguments.isSet(Self.edge))

        let progress = ProgressBar.onTerminal(context.standardError, verb: "importing", total: input.totalBytes)
        defer { progress?.clear() }
        let importer = DocumentImporter(collection: collection, skipErrors: arguments.isSet(Self.skipErrors)) { problem in
            progress?.clear()
            context.standardError.writeLine("\(ToolInfo.name) \(Self.name): skipped \(problem)")
        }
        do {
            return try importer.run(input, progress: progress)
        } catch {
            progress?.clear()
            throw Self.rollBack(importer, collection: collection, created: created, in: target.fabric, after: error)
        }
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
    private static func rollBack(_ importer: DocumentImporter, collection: DocumentCollection, created: Bool,
                                 in fabric: Fabric, after error: any Error) -> CommandFailure {
        let reason = (error as? CommandFailure)?.message ?? String(describing: error)
        do {
            if created {
                try fabric.dropCollection(collection.name)
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
