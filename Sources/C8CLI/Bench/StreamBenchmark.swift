import Foundation

/// `c8 bench streams`: c8's streams over WebSocket against Redis Streams
/// over RESP, side by side in one run (issue 7, "Performance"), plus the
/// stream engine in process. The workloads are ``StreamLoad``'s; each runs
/// against c8 and then Redis, `runs` times (A B A B …), medians reported.
struct StreamBenchmark {
    var c8: C8StreamSide
    var redis: RedisStreamSide
    var messages: Int
    var producerCounts: [Int]
    var window: Int
    var runs: Int
    var rate: Int
    var latencySeconds: Double
    /// One workload only (publish, e2e, latency, embedded), or all.
    var only: String?
    /// Where the embedded workload keeps its RocksDB data dir.
    var scratchDirectory: String

    static let throughputGoal = 1.0
    static let p99GoalMilliseconds = 5.0
    static let workloads = ["publish", "e2e", "latency", "embedded"]

    struct Row {
        let workload: String
        let unit: String
        let c8: Double
        /// nil for c8-only rows.
        let redis: Double?
        let goal: String
        /// Whether the goal holds; nil when the row has none.
        let met: Bool?
    }

    private func wants(_ workload: String) -> Bool { only == nil || only == workload }

    func run(log: (String) -> Void) throws -> [Row] {
        var rows: [Row] = []
        let sides: [any StreamBenchSide] = [c8, redis]
        let loads = sides.map { StreamLoad(side: $0, window: window) }
        if wants("publish") || wants("e2e") {
            // Warm-up of each side, discarded.
            for load in loads { _ = try load.endToEnd(messages: min(messages, 20_000), clients: 1) }
        }
        if wants("publish") {
            for producers in producerCounts {
                let (a, b) = try alternate(loads, "publish, \(producers) producer(s)", log) {
                    try $0.publish(messages: messages, producers: producers).perSecond
                }
                rows.append(throughputRow("publish, \(producers) producer\(producers == 1 ? "" : "s")", a, b))
            }
        }
        if wants("e2e") {
            for clients in producerCounts {
                let (a, b) = try alternate(loads, "end-to-end, \(clients)+\(clients)", log) {
                    try $0.endToEnd(messages: messages, clients: clients).perSecond
                }
                rows.append(throughputRow("end-to-end, \(clients) producer\(clients == 1 ? "" : "s") + \(clients) "
                    + "consumer\(clients == 1 ? "" : "s"), every message acked", a, b))
            }
        }
        if wants("latency") {
            var figures: [[StreamLoad.Latency]] = [[], []]
            for round in 1...runs {
                for (index, load) in loads.enumerated() {
                    let latency = try load.latency(rate: rate, seconds: latencySeconds)
                    figures[index].append(latency)
                    log(String(format: "latency round %d %@: p50 %.3f ms, p99 %.3f ms, max %.2f ms, %.0f msgs/s sent",
                               round, load.side.name, latency.p50, latency.p99, latency.max, latency.rate))
                }
            }
            func median(_ index: Int, _ key: KeyPath<StreamLoad.Latency, Double>) -> Double {
                SideBySide.median(figures[index].map { $0[keyPath: key] })
            }
            let label = "publish→deliver at \(NumberText.count(rate)) msgs/s, 1 producer + 1 consumer, "
                + "\(NumberText.count(Int(Double(rate) * latencySeconds))) messages"
            rows.append(Row(workload: label + ", p50", unit: "ms", c8: median(0, \.p50), redis: median(1, \.p50), goal: "", met: nil))
            let p99 = median(0, \.p99)
            rows.append(Row(workload: label + ", p99", unit: "ms", c8: p99, redis: median(1, \.p99),
                            goal: "≤ \(Self.p99GoalMilliseconds) ms", met: p99 <= Self.p99GoalMilliseconds))
            rows.append(Row(workload: label + ", max", unit: "ms", c8: median(0, \.max), redis: median(1, \.max), goal: "", met: nil))
        }
        if wants("embedded") {
            var figures: [EmbeddedStreamBenchmark.Figures] = []
            for round in 1...runs {
                let directory = scratchDirectory + "/embedded-\(round)"
                defer { try? FileManager.default.removeItem(atPath: directory) }
                let result = try EmbeddedStreamBenchmark(messages: messages, window: window).run(directory: directory)
                figures.append(result)
                log(String(format: "embedded round %d: publish %.0f, consume backlog %.0f, end-to-end %.0f msgs/s",
                           round, result.publish, result.consumeBacklog, result.endToEnd))
            }
            let median = { (key: KeyPath<EmbeddedStreamBenchmark.Figures, Double>) in
                SideBySide.median(figures.map { $0[keyPath: key] })
            }
            rows.append(Row(workload: "embedded StreamService (RocksDB, no network): publish, 1 producer", unit: "msgs/s",
                            c8: median(\.publish), redis: nil, goal: "", met: nil))
            rows.append(Row(workload: "embedded: consume the backlog from earliest, 1 consumer, every message acked", unit: "msgs/s",
                            c8: median(\.consumeBacklog), redis: nil, goal: "", met: nil))
            rows.append(Row(workload: "embedded: publish and consume at once, every message acked", unit: "msgs/s",
                            c8: median(\.endToEnd), redis: nil, goal: "", met: nil))
        }
        return rows
    }

    private func throughputRow(_ workload: String, _ c8: Double, _ redis: Double) -> Row {
        Row(workload: workload, unit: "msgs/s", c8: c8, redis: redis, goal: "≥ 1× Redis",
            met: c8 / redis >= Self.throughputGoal)
    }

    /// Runs `body` on c8 then Redis, `runs` times; the medians.
    private func alternate(_ loads: [StreamLoad], _ label: String, _ log: (String) -> Void,
                           _ body: (StreamLoad) throws -> Double) throws -> (Double, Double) {
        var values: [[Double]] = [[], []]
        for round in 1...runs {
            for (index, load) in loads.enumerated() {
                let value = try body(load)
                values[index].append(value)
                log(String(format: "%@ round %d %@: %.0f msgs/s", label, round, load.side.name, value))
                // Let each side's after-work (RocksDB flushes, Redis frees) settle outside the other's time.
                Thread.sleep(forTimeInterval: 1)
            }
        }
        return (SideBySide.median(values[0]), SideBySide.median(values[1]))
    }
}
