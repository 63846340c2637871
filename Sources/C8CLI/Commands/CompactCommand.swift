import C8Cluster
import C8Core
import Foundation

/// `c8 compact`: rewrites an embedded data dir's storage into one sorted
/// run — what `c8 import --compact` does after its load, for stores whose
/// indexes (or further loads) came later, from the console or `c8 query`.
public struct CompactCommand: Command {
    public static let name = "compact"

    public let spec = CommandSpec(
        name: CompactCommand.name,
        summary: "Compact a data dir into one sorted run (after bulk loads)",
        usage: ["[--data-dir DIR] [--regions r1,r2,...]"],
        description: """
            Rewrites the storage of every region of the data dir into one \
            sorted run — the step after bulk loads, as VACUUM ANALYZE is for \
            PostgreSQL: a bulk-loaded and then indexed store is spread over \
            several levels, and every index seek has to position each of \
            them (Docs/DATA.md). It takes about as long as writing the data \
            once more and needs as much free space. A server compacts on \
            PUT /_admin/compact instead; an unwritable data dir is refused \
            (errorNum 1004).
            """,
        options: [.dataDir, .regions],
        examples: ["c8 compact --data-dir ./demo"])

    public init() {}

    public func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let directory = DataDirectory.resolve(arguments, context: context)
        // Compacting nothing is a typo: opening would create an empty data dir.
        guard FileManager.default.fileExists(atPath: directory.path + "/CURRENT") else {
            throw CommandFailure("no data dir at \(directory.path): nothing to compact")
        }
        let federation = try Federation.open(directory: directory.path, regionNames: try arguments.regionNames())
        defer { federation.close() }
        let stopwatch = Stopwatch()
        try federation.compact()
        context.standardError.writeLine(
            "\(ToolInfo.name) \(Self.name): compacted \(directory.path) (\(federation.regions.count) regions) "
            + "in \(NumberText.seconds(stopwatch.seconds))")
        return ExitStatus.success
    }
}
