import C8Cluster
import C8Core
import C8Engine
import C8Streams

/// The engine and fabric a data command works on, opened from its options:
/// the local region of the embedded federation on the resolved data
/// directory, and `--fabric` (default `_system`) of the default tenant —
/// with the region's stream service, so what an import or a C8QL write
/// changes in a `hasStream` collection is published on its stream like any
/// other change. The whole federation opens, so the changes enter the
/// local region's replication log; they reach the other regions while
/// this or a later process holds the federation open.
///
/// The data directory is locked for one process at a time, so commands open
/// it for the duration of their work and must `close()` it (tests run the
/// command and then reopen the directory in the same process).
struct EmbeddedFabric {
    let federation: Federation
    let engine: Engine
    let streams: StreamService
    let fabric: Fabric

    /// Opens the engine named by `arguments`.
    /// Commands check for `--url` (``RemoteEndpoint``) before they get here.
    /// - Throws: `CommandFailure` for an `--api-key` without a URL to send
    ///   it to; `C8Error` when the engine cannot open the data directory (in
    ///   use by another process) or the fabric does not exist.
    static func open(_ arguments: ParsedArguments, context: CommandContext) throws -> EmbeddedFabric {
        if arguments.source(of: .apiKey) == .commandLine {
            throw UsageError.invalid("--api-key needs --url (or C8_URL): the embedded engine takes no key")
        }
        let directory = DataDirectory.resolve(arguments, context: context)
        let federation = try Federation.open(directory: directory.path, regionNames: try arguments.regionNames())
        let engine = federation.localRegion.engine
        do {
            guard let streams = federation.streams(of: federation.localRegion) else {
                throw C8Error(.internalError, "the federation opened no stream service")
            }
            return EmbeddedFabric(federation: federation, engine: engine, streams: streams,
                                  fabric: try engine.defaultTenant.fabric(arguments.value(.fabric) ?? "_system"))
        } catch {
            federation.close()
            throw error
        }
    }

    /// Stops the stream services, then flushes and unlocks the data directory.
    func close() {
        federation.close()
    }
}
