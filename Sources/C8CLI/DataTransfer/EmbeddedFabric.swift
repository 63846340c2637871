import C8Core
import C8Engine

/// The engine and fabric a data command works on, opened from its options:
/// the embedded engine on the resolved data directory, and `--fabric`
/// (default `_system`) of the default tenant.
///
/// The data directory is locked for one process at a time, so commands open
/// it for the duration of their work and must `close()` it (tests run the
/// command and then reopen the directory in the same process).
struct EmbeddedFabric {
    let engine: Engine
    let fabric: Fabric

    /// Opens the engine named by `arguments`.
    /// Commands check for `--url` (``RemoteEndpoint``) before they get here.
    /// - Throws: `CommandFailure` for an `--api-key` without a URL to send
    ///   it to; `C8Error` when the engine cannot open the data directory (in
    ///   use by another process) or the fabric does not exist.
    static func open(_ arguments: ParsedArguments, context: CommandContext) throws -> EmbeddedFabric {
        if arguments.source(of: .apiKey) == .commandLine {
            throw CommandFailure("--api-key needs --url (or C8_URL): the embedded engine takes no key")
        }
        let directory = DataDirectory.resolve(arguments, context: context)
        let engine = try Engine.open(directory: directory.path)
        do {
            return EmbeddedFabric(engine: engine, fabric: try engine.defaultTenant.fabric(arguments.value(.fabric) ?? "_system"))
        } catch {
            engine.close()
            throw error
        }
    }

    /// Flushes and unlocks the data directory.
    func close() {
        engine.close()
    }
}
