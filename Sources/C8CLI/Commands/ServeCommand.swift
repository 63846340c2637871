import C8Cluster
import C8Core
import C8Engine
import C8Net
import C8Query
import C8Server
import Dispatch
import Foundation

/// `c8 serve`: the C8 REST and WebSocket API over HTTP and HTTPS.
public struct ServeCommand: Command {
    public static let name = "serve"

    public static let host = OptionSpec.value(
        "host", "H",
        summary: "Address to listen on")

    public static let port = OptionSpec.value(
        "port", "P",
        summary: "TCP port for plain HTTP and WebSocket connections",
        kind: .integer(0...65535))

    public static let tlsPort = OptionSpec.value(
        "tls-port", "P",
        summary: "TCP port for HTTPS and secure WebSockets; needs --tls-cert and --tls-key",
        kind: .integer(0...65535))

    public static let tlsCertificate = OptionSpec.value(
        "tls-cert", "F",
        summary: "PEM file with the TLS certificate (chain)")

    public static let tlsKey = OptionSpec.value(
        "tls-key", "F",
        summary: "PEM file with the private key of --tls-cert")

    public static let domain = OptionSpec.value(
        "domain", "D",
        summary: "Domain of the API host names: api-<region>.<domain> reaches that "
            + "region, api-<domain> the local one")

    public static let adminKey = OptionSpec.value(
        "admin-key", "KEY",
        summary: "Create or update an API key with full rights at start-up, so "
            + "scripts can talk to the server at once",
        environment: "C8_ADMIN_KEY")

    public static let trustedOrigin = OptionSpec.value(
        "trusted-origin", "ORIGIN",
        summary: "A browser origin (e.g. https://console.example) whose cross-origin "
            + "requests may carry credentials; repeat it, or separate origins with commas",
        repeatable: true)

    public static let maxConnections = OptionSpec.value(
        "max-connections", "N",
        summary: "Connections open at once; more are answered 503 and closed "
            + "(default: three quarters of the open-file limit)",
        kind: .integer(1...Int.max))

    public static let headerTimeout = OptionSpec.value(
        "header-timeout", "SECONDS",
        summary: "Time a request head may take to arrive, from its first byte (default 30); "
            + "slower clients get 408",
        kind: .integer(1...86_400))

    public static let bodyTimeout = OptionSpec.value(
        "body-timeout", "SECONDS",
        summary: "Time a request body may pause between bytes before the connection closes (default 90)",
        kind: .integer(1...86_400))

    public static let idleTimeout = OptionSpec.value(
        "idle-timeout", "SECONDS",
        summary: "Time an idle keep-alive connection stays open (default 120)",
        kind: .integer(1...86_400))

    public static let queryMemoryLimit = OptionSpec.value(
        "query-memory-limit", "N",
        summary: "Bytes of memory one C8QL query may hold (default 256 MiB); queries may ask for less (memoryLimit)",
        kind: .integer(1...Int.max))

    public static let queryMaxRuntime = OptionSpec.value(
        "query-max-runtime", "S",
        summary: "Seconds a C8QL query may run before it is killed (default 300, 0 for none); "
            + "queries may ask for less (maxRuntime)",
        kind: .integer(0...Int.max))

    public static let queryMaxResultBytes = OptionSpec.value(
        "query-max-result-bytes", "N",
        summary: "Bytes of query results held at once: a cursor batch or a whole result (default 256 MiB)",
        kind: .integer(1...Int.max))

    /// `--query-max-runtime` when not given.
    public static let defaultQueryMaxRuntime = 300

    public let spec = CommandSpec(
        name: ServeCommand.name,
        summary: "Serve the C8 REST and WebSocket API from a data directory",
        usage: [
            "[--data-dir DIR] [--host H] [--port P]",
            "[--tls-port P --tls-cert F --tls-key F]",
            "[--domain D] [--regions r1,r2,...] [--admin-key KEY]",
            "[--trusted-origin ORIGIN]...",
            "[--max-connections N] [--header-timeout S]",
            "[--body-timeout S] [--idle-timeout S]",
            "[--query-memory-limit N] [--query-max-runtime S]",
            "[--query-max-result-bytes N]",
            "[--document-cache BYTES] [--edge-cache BYTES]",
        ],
        description: """
            Serves the C8 REST and WebSocket API, as the pyC8 client uses it, \
            with every region of the federation running in this process. Plain \
            and TLS listeners can run at the same time. The region of a request \
            is picked from its Host header.

            Once it accepts connections it prints one line per listener and \
            region, then runs until SIGINT or SIGTERM and shuts down cleanly.
            """,
        options: [.dataDir, ServeCommand.host, ServeCommand.port, ServeCommand.tlsPort,
                  ServeCommand.tlsCertificate, ServeCommand.tlsKey, ServeCommand.domain,
                  OptionSpec.regions, ServeCommand.adminKey, ServeCommand.trustedOrigin,
                  ServeCommand.maxConnections, ServeCommand.headerTimeout, ServeCommand.bodyTimeout,
                  ServeCommand.idleTimeout, ServeCommand.queryMemoryLimit, ServeCommand.queryMaxRuntime,
                  ServeCommand.queryMaxResultBytes, .documentCache, .edgeCache],
        constraints: [.together([ServeCommand.tlsPort, ServeCommand.tlsCertificate, ServeCommand.tlsKey])],
        examples: [
            "c8 serve --port 8080 --admin-key secret",
            "c8 serve --tls-port 8443 --tls-cert cert.pem --tls-key key.pem",
        ])

    /// ArangoDB's port: what C8 and ArangoDB tools try first.
    public static let defaultPort = 8529

    public init() {}

    public func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let directory = DataDirectory.resolve(arguments, context: context)
        try checkDataDirectory(directory.path, context: context)
        let federation = try Federation.open(directory: directory.path, regionNames: try arguments.regionNames(),
                                             limits: arguments.engineLimits())
        defer { federation.close() }
        let engines = federation.regions.map(\.engine)
        // Nothing else expires TTL-indexed documents while the server runs;
        // stopped (by the later defer, so first) before the engines close.
        let reapers = engines.map { $0.makeTTLReaper() }
        for reaper in reapers { reaper.start() }
        defer { for reaper in reapers { reaper.stop() } }
        // Accounts are federation-wide: the regions share one access control.
        let local = federation.localRegion.engine
        try local.prepareAccounts(adminKey: arguments.value(Self.adminKey))

        let authenticator = Authenticator(engine: local)
        let api = try C8APIHandler(
            federation: federation,
            configuration: C8APIConfiguration(domain: arguments.value(Self.domain) ?? "localhost",
                                              tenant: local.defaultTenantName, trustedOrigins: trustedOrigins(arguments),
                                              queryLimits: queryLimits(arguments)),
            gate: PermissionGate(authenticator: authenticator),
            extraGroups: AuthRouteGroups.all(authenticator: authenticator))
        // Stream clients are told goodbye and cursors persisted before the
        // engines under them close (defers run last-first).
        defer { api.closeStreams() }
        let server = HTTPServer(configuration: try configuration(arguments), handler: api)
        let stop = StopSignals()
        do { try server.start() } catch { throw CommandFailure("cannot listen: \(error)") }
        for listener in server.listeners {
            context.standardOutput.writeLine(
                "c8 serve: \(listener.isTLS ? "https" : "http") on \(listener.host):\(listener.port)")
        }
        let domain = api.services.configuration.domain
        for region in federation.regions {
            let local = region.index == 0 ? " (local), data dir \(directory.path)" : ""
            context.standardOutput.writeLine("c8 serve: region \(region.name) at api-\(region.name).\(domain)\(local)")
        }
        if federation.regions.contains(where: { $0.engine.storage.isReadOnly }) {
            context.standardError.writeLine(
                "c8 serve: warning: the data dir \(directory.path) is not writable — serving reads, refusing every write "
                + "(errorNum 1004, HTTP 503) until it is writable and c8 serve restarted")
        }
        let signal = stop.wait()
        context.standardError.writeLine("c8 serve: \(signal), stopping")
        server.stop()
        return ExitStatus.success
    }

    /// Creates the data directory only its owner may enter (0700), and
    /// warns when an existing one lets group or others in: it holds the
    /// token signing secret and the password and key hashes.
    private func checkDataDirectory(_ path: String, context: CommandContext) throws {
        try FileExposure.createPrivateDirectory(path)
        if let exposure = FileExposure(path: path), exposure.isShared {
            context.standardError.writeLine(
                "c8 serve: warning: group or others may read the data dir \(path) (mode \(exposure.octal)), which holds "
                + "the token signing secret and the password and API key hashes; chmod 700 \(path)")
        }
    }

    /// Every `--trusted-origin`: origins compare exactly, so only blanks
    /// around the commas are dropped.
    private func trustedOrigins(_ arguments: ParsedArguments) -> Set<String> {
        let origins = arguments.values(Self.trustedOrigin).flatMap { $0.split(separator: ",") }
        return Set(origins.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    /// Listeners from `--host`, `--port` and the TLS options; plain HTTP on
    /// the default port when no port is given.
    private func configuration(_ arguments: ParsedArguments) throws -> HTTPServerConfiguration {
        let host = arguments.value(Self.host) ?? "127.0.0.1"
        var tls: (port: Int, context: TLSContext)?
        if let tlsPort = arguments.integer(Self.tlsPort),
           let certificate = arguments.value(Self.tlsCertificate), let key = arguments.value(Self.tlsKey) {
            do {
                tls = (tlsPort, try TLSContext.server(certificateFile: certificate, keyFile: key))
            } catch {
                throw CommandFailure("TLS: \(error)")
            }
        }
        let port = arguments.integer(Self.port) ?? (tls == nil ? Self.defaultPort : nil)
        var limits = HTTPLimits()
        if let seconds = arguments.integer(Self.headerTimeout) { limits.headerTimeout = .seconds(seconds) }
        if let seconds = arguments.integer(Self.bodyTimeout) { limits.bodyWaitTimeout = .seconds(seconds) }
        if let seconds = arguments.integer(Self.idleTimeout) { limits.idleTimeout = .seconds(seconds) }
        var configuration = HTTPServerConfiguration(host: host, port: port, tls: tls, limits: limits)
        if let count = arguments.integer(Self.maxConnections) { configuration.maxConnections = count }
        return configuration
    }

    /// `--query-memory-limit`, `--query-max-runtime` and
    /// `--query-max-result-bytes` over their defaults.
    private func queryLimits(_ arguments: ParsedArguments) -> QueryLimits {
        var limits = QueryLimits(maxRuntime: Double(Self.defaultQueryMaxRuntime))
        if let bytes = arguments.integer(Self.queryMemoryLimit) { limits.memoryLimit = bytes }
        if let seconds = arguments.integer(Self.queryMaxRuntime) { limits.maxRuntime = Double(seconds) }
        if let bytes = arguments.integer(Self.queryMaxResultBytes) { limits.maxResultBytes = bytes }
        return limits
    }
}
