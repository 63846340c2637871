import C8Cluster
import Foundation

/// The regions workload of `c8 bench`: replication lag against the links'
/// latency, and convergence after a partition (scripts/bench/regions.sh
/// adds the federation's cost on the ingest benchmark).
extension BenchCommand {
    func runRegions(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let quick = arguments.isSet(Self.quick)
        let regionNames = try arguments.regionNames() ?? FederationConfiguration.defaultRegionNames
        guard regionNames.count >= 2 else { throw UsageError.invalid("the regions workload needs at least two --regions") }
        var benchmark = RegionsBenchmark(
            rate: arguments.integer(Self.rate) ?? 5000,
            seconds: Double(arguments.integer(Self.seconds) ?? (quick ? 3 : 10)),
            partitionWrites: arguments.integer(Self.count) ?? (quick ? 10_000 : 50_000),
            partitionSeconds: quick ? 3 : 10)
        benchmark.regionNames = regionNames
        let log = { (line: String) in context.standardError.writeLine(line) }
        let out = context.standardOutput
        let lags = try benchmark.lag(progress: log)
        out.writeLine("| link | configured | lag p50 | lag p99 | lag max | p99 − configured | goal (≤ 10 ms over) | changes |")
        out.writeLine("|---|---:|---:|---:|---:|---:|---|---:|")
        for lag in lags {
            let excess = lag.p99Ms - lag.configuredMs
            out.writeLine(String(format: "| %@ | %.0f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %@ | %d |",
                                 lag.link, lag.configuredMs, lag.p50Ms, lag.p99Ms, lag.maxMs, excess,
                                 excess <= 10 ? "met" : "missed", lag.samples))
        }
        out.writeLine("")
        let convergence = try benchmark.convergence(progress: log)
        out.writeLine("| partition | writes per side | convergence after heal | documents per region | conflicts resolved |")
        out.writeLine("|---|---:|---:|---:|---:|")
        out.writeLine(String(format: "| %@ ✕ %@ for %.0f s | %d | %.2f s | %d | %d |",
                             regionNames[0], regionNames[1], convergence.partitionSeconds, convergence.writesPerSide, convergence.convergenceSeconds,
                             convergence.documentsPerRegion, convergence.conflictsResolved))
        return ExitStatus.success
    }
}
