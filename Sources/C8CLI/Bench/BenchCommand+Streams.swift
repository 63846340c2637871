import Foundation

/// The streams workload of `c8 bench`: c8 (a running `c8 serve`) against
/// Redis Streams (a running `redis-server`); scripts/bench/streams.sh
/// starts both and calls this.
extension BenchCommand {
    public static let url = OptionSpec.value(
        "url", "URL", summary: "streams: the c8 server, http://host:port (default http://127.0.0.1:18530)")
    public static let apiKey = OptionSpec.value(
        "api-key", "KEY", summary: "streams: an API key of the c8 server with rights on its _system fabric")
    public static let redis = OptionSpec.value(
        "redis", "HOST:PORT", summary: "streams: the Redis server (default 127.0.0.1:16390)")
    public static let producers = OptionSpec.value(
        "producers", "P,…", summary: "streams: producer (and consumer) counts to run (default 1,4)")
    public static let window = OptionSpec.value(
        "window", "N", summary: "streams: in-flight messages per producer and per consumer, both sides (default 1000)",
        kind: .integer(1...100_000))
    public static let rate = OptionSpec.value(
        "rate", "N", summary: "streams: msgs/s of the latency run (default 10000)", kind: .integer(1...1_000_000))
    public static let seconds = OptionSpec.value(
        "seconds", "N", summary: "streams: length of the latency run in seconds (default 10)", kind: .integer(1...3600))
    public static let quick = OptionSpec.flag(
        "quick", summary: "streams: 100,000 messages and a 3 s latency run instead of 1,000,000 and 10 s")

    /// `streams [W]`, W one of publish, e2e, latency, embedded (default:
    /// all): one Markdown table.
    func runStreams(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let quick = arguments.isSet(Self.quick)
        let only = arguments.value(Self.file)
        if let only, !StreamBenchmark.workloads.contains(only) {
            throw UsageError.invalid("unknown streams workload '\(only)'; available: \(StreamBenchmark.workloads.joined(separator: ", "))")
        }
        let redisAddress = arguments.value(Self.redis) ?? "127.0.0.1:16390"
        guard let colon = redisAddress.lastIndex(of: ":"), let redisPort = Int(redisAddress[redisAddress.index(after: colon)...]) else {
            throw UsageError.invalid("--redis needs HOST:PORT")
        }
        let counts = (arguments.value(Self.producers) ?? "1,4").split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
        guard !counts.isEmpty else { throw UsageError.invalid("--producers needs counts such as 1,4") }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("c8-bench-streams-\(getpid())").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let benchmark = StreamBenchmark(
            c8: C8StreamSide(baseURL: arguments.value(Self.url) ?? "http://127.0.0.1:18530",
                             apiKey: arguments.value(Self.apiKey) ?? "", tenant: "c8"),
            redis: RedisStreamSide(host: String(redisAddress[..<colon]), port: redisPort),
            messages: arguments.integer(Self.count) ?? (quick ? 100_000 : 1_000_000),
            producerCounts: counts,
            window: arguments.integer(Self.window) ?? 1000,
            runs: arguments.integer(Self.runs) ?? 5,
            rate: arguments.integer(Self.rate) ?? 10_000,
            latencySeconds: Double(arguments.integer(Self.seconds) ?? (quick ? 3 : 10)),
            only: only, scratchDirectory: scratch)
        let rows = try benchmark.run { context.standardError.writeLine($0) }
        let out = context.standardOutput
        out.writeLine("| workload | unit | c8 | Redis | c8 / Redis | goal | |")
        out.writeLine("|---|---|---:|---:|---:|---|---|")
        for row in rows {
            let c8 = Self.figure(row.c8, unit: row.unit)
            let redis = row.redis.map { Self.figure($0, unit: row.unit) } ?? "—"
            let ratio = row.redis.map { String(format: "%.2f×", row.c8 / $0) } ?? "—"
            let verdict = row.met.map { $0 ? "met" : "missed" } ?? ""
            out.writeLine("| \(row.workload) | \(row.unit) | \(c8) | \(redis) | \(ratio) | \(row.goal) | \(verdict) |")
        }
        return ExitStatus.success
    }

    private static func figure(_ value: Double, unit: String) -> String {
        unit == "ms" ? String(format: value < 10 ? "%.3f" : "%.1f", value) : NumberText.count(Int(value.rounded()))
    }
}
