import C8Client
import C8Core

/// A command's platform as a ``C8Connection``: the endpoint `--url` names
/// (``RemoteEndpoint``) or the embedded engine of `--data-dir`
/// (``EmbeddedFabric``), chosen and checked exactly as `query`, `import` and
/// `export` do, for commands that only need what every connection offers.
struct CommandConnection {
    let connection: any C8Connection
    /// `--fabric`, default `_system`. Checked at once embedded; remotely
    /// the first request names a missing one.
    let fabric: String

    static func open(_ arguments: ParsedArguments, context: CommandContext) throws -> CommandConnection {
        let fabric = arguments.value(.fabric) ?? "_system"
        if let endpoint = RemoteEndpoint.resolve(arguments) {
            return CommandConnection(connection: try endpoint.connect(context: context), fabric: fabric)
        }
        let embedded = try EmbeddedFabric.open(arguments, context: context)
        // The connection owns the engine from here: closing it closes both.
        let connection = EmbeddedConnection(federation: embedded.federation, endpoint: DataDirectory.resolve(arguments, context: context).path,
                                            streams: [embedded.federation.localRegion.name: embedded.streams])
        return CommandConnection(connection: connection, fabric: embedded.fabric.name)
    }

    /// Runs connection work to completion from the synchronous command.
    func wait<T: Sendable>(_ body: @escaping @Sendable (any C8Connection, String) async throws(C8Error) -> T) throws(C8Error) -> T {
        let connection = self.connection, fabric = self.fabric
        return try AsyncBridge.wait { () async throws(C8Error) -> T in try await body(connection, fabric) }
    }

    /// Releases the connection (embedded: flushes and unlocks the data dir).
    func close() {
        connection.close()
    }
}
