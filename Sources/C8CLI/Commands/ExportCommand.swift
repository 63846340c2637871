import C8Client
import C8Core
import Foundation

/// `c8 export`: a collection's documents as JSON lines.
public struct ExportCommand: Command {
    public static let name = "export"

    public static let file = PositionalSpec(
        "FILE",
        summary: "Where to write the documents; standard output when left out or -",
        optional: true)

    public let spec = CommandSpec(
        name: ExportCommand.name,
        summary: "Write a collection's documents as JSON lines",
        usage: [
            "[--data-dir DIR | --url URL (--api-key KEY | --email EMAIL)]",
            "[--insecure]",
            "[--regions r1,r2,...] [--fabric F] --collection C [FILE]",
        ],
        description: """
            Writes every document of a collection, one JSON document per line \
            with its _key, _id and _rev, in _key order, to FILE or to standard \
            output. 'c8 import' reads the result back, so export and import \
            copy a collection between data directories and endpoints. A file \
            is written under a temporary name and renamed when complete: an \
            export that fails or is stopped (Ctrl-C) leaves FILE as it was.
            """,
        options: [.dataDir, .regions, .url, .apiKey, .email, .insecure, .fabric, .collection],
        positionals: [ExportCommand.file],
        constraints: [.embeddedOrRemote],
        examples: [
            "c8 export --collection users users.jsonl",
            "c8 export --collection users | c8 import --url URL --collection users -",
        ])

    public init() {}

    public func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let name = arguments.value(.collection) ?? ""
        let exporter: DocumentExporter
        let total: Int
        var remote: RemoteConnection?
        var embedded: EmbeddedFabric?
        defer {
            remote?.close()
            embedded?.close()
        }
        if let endpoint = RemoteEndpoint.resolve(arguments) {
            let connection = try endpoint.connect(context: context)
            remote = connection
            let fabric = arguments.value(.fabric) ?? "_system"
            // Figures name a missing collection before any output is made.
            let figures = try AsyncBridge.wait { () async throws(C8Error) in try await connection.figures(of: name, in: fabric) }
            total = Int(figures["count"].intValue ?? 0)
            exporter = DocumentExporter(pages: ConnectionDocumentPages(connection: connection, collection: name, fabric: fabric))
        } else {
            let target = try EmbeddedFabric.open(arguments, context: context)
            embedded = target
            let collection = try target.fabric.collection(name)
            total = collection.count
            exporter = DocumentExporter(collection: collection)
        }
        // `-` is standard output, as `-` is standard input for import and query.
        let output = try arguments.value(Self.file).flatMap { $0 == "-" ? nil : $0 }
            .map { path throws(CommandFailure) in try BufferedOutput(path: path) }
            ?? BufferedOutput(sink: context.standardOutput)
        // Ctrl-C stops between documents; the destination keeps what it held.
        let stop = StopSignals()
        defer { stop.cancel() }

        // Documents printed to a terminal would tear through a progress bar.
        let progress = output.path == nil && context.standardOutput.isTerminal
            ? nil : ProgressBar.onTerminal(context.standardError, verb: "exporting", total: total)
        let stopwatch = Stopwatch()
        let written: Int
        do {
            written = try exporter.run(to: output, progress: progress, stopRequested: { stop.receivedSignal })
        } catch {
            progress?.clear()
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
