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
    public static let workload = PositionalSpec(
        "WORKLOAD", summary: "json: parse and serialize vs Foundation's JSONSerialization")

    public let spec = CommandSpec(
        name: BenchCommand.name,
        summary: "Benchmark c8 against a peer (use a release build)",
        usage: ["[--size-mb N] [--runs N] WORKLOAD"],
        description: """
            Runs one workload for c8 and for its peer alternately in the same \
            process (A B A B …) and prints the medians and their ratio as a \
            Markdown table. Build with `swift build -c release` first: debug \
            builds are many times slower.
            """,
        options: [BenchCommand.sizeMB, BenchCommand.runs],
        positionals: [BenchCommand.workload],
        examples: ["c8 bench json", "c8 bench --size-mb 10 --runs 3 json"])

    public init() {}

    public func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let workload = arguments.value(BenchCommand.workload) ?? ""
        guard workload == "json" else {
            throw UsageError.invalid("unknown workload '\(workload)'; available: json")
        }
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

    private static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded >= 100 ? String(Int(rounded)) : String(rounded)
    }
}
