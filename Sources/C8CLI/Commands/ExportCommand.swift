import Foundation

/// `c8 export`: a collection's documents as JSON lines.
public struct ExportCommand: Command {
    public static let name = "export"

    public static let file = PositionalSpec(
        "FILE",
        summary: "Where to write the documents; standard output when left out",
        optional: true)

    public let spec = CommandSpec(
        name: ExportCommand.name,
        summary: "Write a collection's documents as JSON lines",
        usage: [
            "[--data-dir DIR | --url URL --api-key KEY] [--fabric F]",
            "--collection C [FILE]",
        ],
        description: """
            Writes every document of a collection, one JSON document per line \
            with its _key, _id and _rev, in _key order, to FILE or to standard \
            output. 'c8 import' reads the result back, so export and import \
            copy a collection between data directories and endpoints.
            """,
        options: [.dataDir, .url, .apiKey, .fabric, .collection],
        positionals: [ExportCommand.file],
        constraints: [.embeddedOrRemote],
        examples: [
            "c8 export --collection users users.jsonl",
            "c8 export --collection users | c8 import --url URL --collection users -",
        ])

    public init() {}

    public func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let name = arguments.value(.collection) ?? ""
        let target = try EmbeddedFabric.open(arguments, context: context)
        defer { target.close() }
        let collection = try target.fabric.collection(name)
        let output = try arguments.value(Self.file).map { path throws(CommandFailure) in try BufferedOutput(path: path) }
            ?? BufferedOutput(sink: context.standardOutput)

        // Documents printed to a terminal would tear through a progress bar.
        let progress = output.path == nil && context.standardOutput.isTerminal
            ? nil : ProgressBar.onTerminal(context.standardError, verb: "exporting", total: collection.count)
        let stopwatch = Stopwatch()
        let written: Int
        do {
            written = try DocumentExporter(collection: collection).run(to: output, progress: progress)
        } catch {
            progress?.clear()
            if let path = output.path { try? FileManager.default.removeItem(atPath: path) }
            throw error
        }
        progress?.clear()
        if let path = output.path {
            let summary = TransferSummary(verb: "exported", documents: written, place: "from \(name) to \(path)",
                                          seconds: stopwatch.seconds)
            context.standardOutput.writeLine(summary.description)
        }
        return ExitStatus.success
    }
}
