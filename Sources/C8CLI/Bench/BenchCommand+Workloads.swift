import Foundation

/// The query, console and gen-graph workloads of `c8 bench`.
extension BenchCommand {
    /// `gen-graph DIR`: the traversal graph of scripts/bench/query.sh,
    /// `--count` vertices (default 100,000) and ten times as many edges.
    func runGraphGenerator(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        guard let directory = arguments.value(BenchCommand.file) else {
            throw UsageError.invalid("gen-graph needs FILE, the directory to write vertices.jsonl, edges.jsonl and edges.csv to")
        }
        let vertices = arguments.integer(BenchCommand.count) ?? 100_000
        guard vertices >= 2 else { throw UsageError.invalid("gen-graph needs --count of at least 2 vertices") }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let generator = GraphFileGenerator(vertices: vertices)
        let files = try generator.write(toDirectory: directory)
        context.standardError.writeLine(
            "wrote \(NumberText.count(vertices)) vertices and \(NumberText.count(generator.edges)) edges, "
                + "\(NumberText.count(files.bytes)) bytes, to \(directory)")
        return ExitStatus.success
    }

    /// `query`: one Markdown row per shape, median µs per query.
    func runQueries(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let benchmark = QueryBenchmark(
            dataDirectory: arguments.value(BenchCommand.dataDir),
            documents: arguments.integer(BenchCommand.count) ?? 1_000_000,
            runs: arguments.integer(BenchCommand.runs) ?? 200,
            scanRuns: arguments.integer(BenchCommand.scanRuns) ?? 3,
            only: arguments.value(BenchCommand.file))
        let rows = try benchmark.run { context.standardError.writeLine($0) }
        context.standardOutput.writeLine("| shape | C8QL | runs | c8 median µs | rows per query |")
        context.standardOutput.writeLine("|---|---|---:|---:|---:|")
        for row in rows {
            context.standardOutput.writeLine(
                "| \(row.shape.name) | `\(row.shape.query)` | \(row.runs) | \(QueryBenchmark.format(row.medianMicroseconds)) "
                    + "| \(QueryBenchmark.format(row.rowsPerQuery)) |")
        }
        return ExitStatus.success
    }

    /// `console`: the figures against the goals, then the memory trace.
    func runConsole(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let documents = arguments.integer(BenchCommand.count) ?? 1_000_000
        let runs = arguments.integer(BenchCommand.runs)
        let directory = arguments.value(BenchCommand.dataDir)
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("c8-bench-console-\(documents)").path
        var benchmark = ConsoleBenchmark(dataDirectory: directory, documents: documents, frames: runs ?? 1000,
                                         keyPresses: runs ?? 200, starts: min(5, runs ?? 5))
        if arguments.isSet(BenchCommand.minimalCaches) {
            benchmark.limits.documentCacheBytes = 0
        }
        let report = try benchmark.run { context.standardError.writeLine($0) }
        typealias B = ConsoleBenchmark
        func verdict(_ value: Double, _ goal: Double) -> String { value <= goal ? "met" : "missed (\(String(format: "%.1f", value / goal))× the goal)" }
        let out = context.standardOutput
        out.writeLine("| measure (200×60, \(NumberText.count(documents)) documents) | figure | goal | |")
        out.writeLine("|---|---:|---:|---|")
        for row in report.render {
            out.writeLine("| render + diff, \(row.variant) (median of \(NumberText.count(benchmark.frames)) frames; "
                + "render \(B.ms(row.render)) + diff \(B.ms(row.diff)) ms, p99 \(B.ms(row.totalP99)) ms) "
                + "| \(B.ms(row.total)) ms | ≤ \(B.ms(B.renderGoal)) ms | \(verdict(row.total, B.renderGoal)) |")
        }
        let start = report.start
        out.writeLine("| open data dir → first frame with collections (first start; engine open \(B.ms(start.open)) ms; "
            + "median of \(start.starts) starts \(B.ms(start.median)) ms) | \(B.ms(start.first)) ms | ≤ \(B.ms(B.startGoal)) ms "
            + "| \(verdict(max(start.first, start.median), B.startGoal)) |")
        let keys = report.keys
        out.writeLine("| keypress → redraw while a full-scan COLLECT runs (median of \(keys.presses) presses, "
            + "\(keys.busyPresses) of them while the engine was executing it; "
            + "p99 \(B.ms(keys.p99)) ms, max \(B.ms(keys.max)) ms) | \(B.ms(keys.median)) ms | ≤ \(B.ms(B.keyGoal)) ms "
            + "| \(verdict(keys.p99, B.keyGoal)) |")
        let memory = report.memory
        let first = memory.samples.first?.megabytes ?? 0, last = memory.samples.last?.megabytes ?? 0
        let growth = last - first
        out.writeLine("| resident memory paging through every document with pgdn (anonymous: the heap; \(NumberText.count(memory.keyPresses)) presses, "
            + "\(NumberText.seconds(memory.seconds)); peak \(B.mb(memory.peak)) MB; mapped table files, page cache, "
            + "\(B.mb(memory.mappedFiles.first)) → \(B.mb(memory.mappedFiles.last)) MB) | \(B.mb(first)) → \(B.mb(last)) MB "
            + "| flat | \(abs(growth) <= max(16, first * 0.1) ? "met" : "missed (\(String(format: "%+.1f", growth)) MB)") |")
        out.writeLine("")
        out.writeLine("| documents paged past | anonymous resident MB |")
        out.writeLine("|---:|---:|")
        for sample in memory.samples { out.writeLine("| \(NumberText.count(sample.documents)) | \(B.mb(sample.megabytes)) |") }
        return ExitStatus.success
    }
}
