import Foundation

/// `c8 bench WORKLOAD`: measurements of c8 side by side with a peer, in one
/// run, printed as Markdown rows ready for Docs/BENCHMARKS.md.
public struct BenchCommand: Command {
    public static let name = "bench"

    public static let sizeMB = OptionSpec.value(
        "size-mb", "N", summary: "Size of the generated corpus in MB (default 50)",
        kind: .integer(1...4096))
    public static let runs = OptionSpec.value(
        "runs", "N", summary: "Timed runs per side, medians reported (default 5)",
        kind: .integer(1...1000))
    public static let count = OptionSpec.value(
        "count", "N", summary: "Documents for lookups and gen-docs (default 1000000); messages for streams",
        kind: .integer(1...100_000_000))
    public static let scanRuns = OptionSpec.value(
        "scan-runs", "N", summary: "query: timed runs of the full-scan shape (default 3)",
        kind: .integer(1...1000))
    public static let dataDir = OptionSpec.value(
        "data-dir", "DIR", summary: "query: a data dir loaded by scripts/bench/query.sh (default: a temporary one "
            + "of --count documents); console: where its data dir of --count documents is kept (built on first use)")
    public static let minimalCaches = OptionSpec.flag(
        "minimal-caches", summary: "console: document cache off, to tell the cache's "
            + "growth from the console's memory")
    public static let workload = PositionalSpec(
        "WORKLOAD", summary: "json: parse and serialize vs Foundation's JSONSerialization; "
            + "lookups: random point lookups on one thread; gen-docs: write the ingest corpus to FILE; "
            + "query: median latency of each query shape of scripts/bench/query.sh; "
            + "console: render, start, keypress and paging figures against the console's goals; "
            + "streams: c8's streams over WebSocket vs Redis Streams, and in process (scripts/bench/streams.sh); "
            + "regions: replication lag vs link latency at --rate writes/s, convergence after a partition")
    public static let file = PositionalSpec(
        "FILE", summary: "Where gen-docs writes its JSON lines; for query, S: the one shape to run (key, eq, range, …); "
            + "for streams, the one workload to run (publish, e2e, latency, embedded)",
        optional: true)

    public let spec = CommandSpec(
        name: BenchCommand.name,
        summary: "Benchmark c8 against a peer (use a release build)",
        usage: ["[--size-mb N] [--runs N] [--count N] WORKLOAD [FILE]",
                "[--runs N] [--scan-runs N] [--count N] [--data-dir D] query [S]",
                "[--runs N] [--count N] [--data-dir D] [--minimal-caches] console",
                "[--quick] [--url U] [--api-key K] [--redis H:P] streams [W]",
                "[--producers P,…] [--window N] [--rate N] [--seconds N] streams",
                "[--quick] [--rate N] [--seconds N] [--count N] regions",
                "[--regions r1,r2,…] regions"],
        description: """
            Runs one workload for c8 and for its peer alternately in the same \
            process (A B A B …) and prints the medians and their ratio as a \
            Markdown table. Build with `swift build -c release` first: debug \
            builds are many times slower. The ingest comparison with SQLite \
            and PostgreSQL runs from scripts/bench/ingest.sh, which uses \
            gen-docs for its input; the query comparison runs from \
            scripts/bench/query.sh, which uses the query workload for c8's \
            side. The console workload has no peer: it reports its figures \
            against the goals. The streams workload drives a running `c8 serve` \
            and `redis-server`; scripts/bench/streams.sh starts both.
            """,
        options: [BenchCommand.sizeMB, BenchCommand.runs, BenchCommand.count, BenchCommand.scanRuns, BenchCommand.dataDir,
                  BenchCommand.minimalCaches, BenchCommand.url, BenchCommand.apiKey, BenchCommand.redis,
                  BenchCommand.producers, BenchCommand.window, BenchCommand.rate, BenchCommand.seconds, BenchCommand.quick, OptionSpec.regions],
        positionals: [BenchCommand.workload, BenchCommand.file],
        examples: ["c8 bench json", "c8 bench --size-mb 10 --runs 3 json", "c8 bench --count 1000000 lookups",
                   "c8 bench --count 1000000 gen-docs docs.jsonl", "c8 bench --count 10000 --runs 50 query",
                   "c8 bench --data-dir /tmp/c8-console-1m console",
                   "c8 bench --quick --api-key K streams latency"])

    public init() {}

    public func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let workload = arguments.value(BenchCommand.workload) ?? ""
        switch workload {
        case "json": return try runJSON(arguments, context: context)
        case "lookups": return try runLookups(arguments, context: context)
        case "gen-docs": return try runGenerator(arguments, context: context)
        case "gen-graph": return try runGraphGenerator(arguments, context: context)
        case "query": return try runQueries(arguments, context: context)
        case "console": return try runConsole(arguments, context: context)
        case "streams": return try runStreams(arguments, context: context)
        case "regions": return try runRegions(arguments, context: context)
        default: throw UsageError.invalid("unknown workload '\(workload)'; available: json, lookups, gen-docs, query, console, streams, regions")
        }
    }

    private func runJSON(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let benchmark = JSONBenchmark(
            sizeMB: arguments.integer(BenchCommand.sizeMB) ?? 50,
            runs: arguments.integer(BenchCommand.runs) ?? 5)
        let rows = try benchmark.run { context.standardError.writeLine($0) }
        context.standardOutput.writeLine("| workload | c8 MB/s | peer MB/s | c8 / peer |")
        context.standardOutput.writeLine("|---|---:|---:|---:|")
        for row in rows {
            context.standardOutput.writeLine(
                "| \(row.workload) | \(Self.format(row.c8)) | \(Self.format(row.peer)) | \(Self.format(row.ratio))× |")
        }
        return ExitStatus.success
    }

    private func runLookups(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let documents = arguments.integer(BenchCommand.count) ?? 1_000_000
        let benchmark = LookupBenchmark(documents: documents, lookups: min(documents, 1_000_000),
                                        runs: arguments.integer(BenchCommand.runs) ?? 5)
        let rows = try benchmark.run { context.standardError.writeLine($0) }
        context.standardOutput.writeLine("| workload | c8 lookups/s | goal | c8 / goal |")
        context.standardOutput.writeLine("|---|---:|---:|---:|")
        for row in rows {
            context.standardOutput.writeLine(
                "| point lookup, random keys, one thread, \(NumberText.count(documents)) documents, \(row.storage) "
                    + "| \(NumberText.count(Int(row.lookupsPerSecond))) | \(NumberText.count(Int(LookupBenchmark.goal))) "
                    + "| \(String(format: "%.2f", row.lookupsPerSecond / LookupBenchmark.goal))× |")
        }
        return ExitStatus.success
    }

    private func runGenerator(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        guard let path = arguments.value(BenchCommand.file) else {
            throw UsageError.invalid("gen-docs needs FILE, the JSON lines file to write")
        }
        let count = arguments.integer(BenchCommand.count) ?? 1_000_000
        let bytes = try DocumentFileGenerator(count: count).write(to: path)
        context.standardError.writeLine(
            "wrote \(NumberText.count(count)) documents, \(NumberText.count(bytes)) bytes "
                + "(\(NumberText.count(bytes / max(1, count))) per line) to \(path)")
        return ExitStatus.success
    }

    private static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded >= 100 ? String(Int(rounded)) : String(rounded)
    }
}
