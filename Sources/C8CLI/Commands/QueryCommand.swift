import C8Core
import C8Engine
import C8Query

/// `c8 query`: one C8QL query from the shell, result as JSON on stdout.
public struct QueryCommand: Command {
    public static let name = "query"

    public static let bindVariables = OptionSpec.value(
        "bind", "JSON",
        summary: "Bind parameters as a JSON object: {\"age\": 30} fills @age")
    public static let pretty = OptionSpec.flag("pretty", summary: "Indent the JSON output")
    public static let jsonLines = OptionSpec.flag("jsonl", summary: "One result per line instead of one JSON array")
    public static let explain = OptionSpec.flag("explain", summary: "Print the execution plan instead of running the query")

    public static let queryText = PositionalSpec(
        "QUERY",
        summary: "The C8QL query; quote it for the shell; - reads it from standard input")

    public let spec = CommandSpec(
        name: QueryCommand.name,
        summary: "Run a C8QL query and print the result array as JSON",
        usage: [
            "[--data-dir DIR | --url URL (--api-key KEY | --email EMAIL)]",
            "[--insecure] [--regions r1,r2,...] [--fabric F] [--bind JSON]",
            "[--pretty | --jsonl | --explain] QUERY",
        ],
        description: """
            Runs one C8QL query on the embedded engine or, with --url, on a \
            remote endpoint, and prints the whole result array as JSON on \
            standard output, ready for jq or another program. Results are \
            written as the query produces them, so a million rows never sit \
            in memory. Bind parameters keep values out of the query text: \
            write @name in the query and pass its value with --bind.
            """,
        options: [.dataDir, .regions, .url, .apiKey, .email, .insecure, .fabric, QueryCommand.bindVariables, QueryCommand.pretty,
                  QueryCommand.jsonLines, QueryCommand.explain],
        positionals: [QueryCommand.queryText],
        constraints: [.embeddedOrRemote, .exclusive([QueryCommand.pretty, QueryCommand.jsonLines, QueryCommand.explain])],
        examples: [
            "c8 query 'FOR u IN users LIMIT 3 RETURN u'",
            "c8 query --bind '{\"age\": 30}' 'FOR u IN users FILTER u.age >= @age RETURN u'",
            "echo 'RETURN 6 * 7' | c8 query -",
        ])

    public init() {}

    public func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let text = try queryText(arguments, context: context)
        var bindVariables = JSONObject()
        if let bind = arguments.value(QueryCommand.bindVariables) {
            let value: JSON
            do { value = try JSON.parse(bind) } catch { throw UsageError.invalid("--bind is not valid JSON: \(error)") }
            guard case .object(let object) = value else { throw UsageError.invalid("--bind must be a JSON object") }
            bindVariables = object
        }
        if let endpoint = RemoteEndpoint.resolve(arguments) {
            try runRemotely(on: endpoint, text, bindVariables: bindVariables, arguments, context: context)
            return ExitStatus.success
        }
        let embedded = try EmbeddedFabric.open(arguments, context: context)
        defer { embedded.close() }
        let queries = QueryEngine(engine: embedded.engine)
        do {
            if arguments.isSet(QueryCommand.explain) {
                let plan = try queries.explain(text, bindVariables: bindVariables, fabric: embedded.fabric)
                context.standardOutput.writeLine(plan.jsonString(pretty: true))
                return ExitStatus.success
            }
            let run = try queries.execute(text, bindVariables: bindVariables, fabric: embedded.fabric)
            let writer = Self.writer(arguments, context: context)
            while let value = try run.next() { writer.write(value) }
            writer.finish()
            for warning in run.warnings {
                Self.reportWarning(code: warning.code, message: warning.message, context: context)
            }
            return ExitStatus.success
        } catch {
            throw CommandFailure("[\(error.errorNum)] \(error.message)")
        }
    }

    /// `--url`: the same output from the endpoint.
    private func runRemotely(on endpoint: RemoteEndpoint, _ text: String, bindVariables: JSONObject,
                             _ arguments: ParsedArguments, context: CommandContext) throws {
        let connection = try endpoint.connect(context: context)
        defer { connection.close() }
        let remote = RemoteQuery(connection: connection, fabric: arguments.value(.fabric) ?? "_system")
        if arguments.isSet(QueryCommand.explain) {
            try remote.explain(text, bindVariables: bindVariables, context: context)
        } else {
            try remote.run(text, bindVariables: bindVariables, writer: Self.writer(arguments, context: context), context: context)
        }
    }

    /// Results in the style the options ask for.
    private static func writer(_ arguments: ParsedArguments, context: CommandContext) -> ResultWriter {
        ResultWriter(sink: context.standardOutput,
                     style: arguments.isSet(QueryCommand.jsonLines) ? .lines : arguments.isSet(QueryCommand.pretty) ? .pretty : .compact)
    }

    /// One line on standard error per warning of a finished query.
    static func reportWarning(code: Int, message: String, context: CommandContext) {
        context.standardError.writeLine("c8 query: warning [\(code)] \(message)")
    }

    private func queryText(_ arguments: ParsedArguments, context: CommandContext) throws -> String {
        let text = arguments.value(QueryCommand.queryText) ?? ""
        guard text == "-" else { return text }
        let reader = context.standardInput.makeReader()
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = try chunk.withUnsafeMutableBytes { buffer throws(CommandFailure) in try reader.read(into: buffer) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Writes query results as they come: one JSON array (compact or
/// indented) or JSON lines.
final class ResultWriter {
    enum Style { case compact, pretty, lines }

    private let sink: any TextSink
    private let style: Style
    private var count = 0
    private var pending = ""

    init(sink: any TextSink, style: Style) {
        self.sink = sink
        self.style = style
    }

    func write(_ value: JSON) {
        switch style {
        case .lines:
            pending += value.jsonString() + "\n"
        case .compact:
            pending += (count == 0 ? "[" : ",") + value.jsonString()
        case .pretty:
            let indented = value.jsonString(pretty: true).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
            pending += (count == 0 ? "[\n" : ",\n") + indented
        }
        count += 1
        if pending.utf8.count >= 64 * 1024 { flush() }
    }

    func finish() {
        switch style {
        case .lines: break
        case .compact: pending += count == 0 ? "[]\n" : "]\n"
        case .pretty: pending += count == 0 ? "[]\n" : "\n]\n"
        }
        flush()
    }

    private func flush() {
        sink.write(pending)
        pending = ""
    }
}
