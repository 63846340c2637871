import C8Cluster
import C8Core
import C8Engine
import C8Net
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

    public let spec = CommandSpec(
        name: ServeCommand.name,
        summary: "Serve the C8 REST and WebSocket API from a data directory",
        usage: [
            "[--data-dir DIR] [--host H] [--port P]",
            "[--tls-port P --tls-cert F --tls-key F]",
            "[--domain D] [--regions r1,r2,...] [--admin-key KEY]",
            "[--trusted-origin ORIGIN]...",
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
                  OptionSpec.regions, ServeCommand.adminKey, ServeCommand.trustedOrigin],
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
        let federation = try Federation.open(directory: directory.path, regionNames: try arguments.regionNames())
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
                                              tenant: local.defaultTenantName, trustedOrigins: trustedOrigins(arguments)),
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
        return HTTPServerConfiguration(host: host, port: port, tls: tls)
    }
}
