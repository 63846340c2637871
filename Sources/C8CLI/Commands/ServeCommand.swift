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

    public static let regions = OptionSpec.value(
        "regions", "r1,r2,...",
        summary: "Comma-separated names of the regions to simulate")

    public static let adminKey = OptionSpec.value(
        "admin-key", "KEY",
        summary: "Create or update an API key with full rights at start-up, so "
            + "scripts can talk to the server at once",
        environment: "C8_ADMIN_KEY")

    public let spec = CommandSpec(
        name: ServeCommand.name,
        summary: "Serve the C8 REST and WebSocket API from a data directory",
        usage: [
            "[--data-dir DIR] [--host H] [--port P]",
            "[--tls-port P --tls-cert F --tls-key F]",
            "[--domain D] [--regions r1,r2,...] [--admin-key KEY]",
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
                  ServeCommand.regions, ServeCommand.adminKey],
        constraints: [.together([ServeCommand.tlsPort, ServeCommand.tlsCertificate, ServeCommand.tlsKey])],
        examples: [
            "c8 serve --port 8080 --admin-key secret",
            "c8 serve --tls-port 8443 --tls-cert cert.pem --tls-key key.pem",
        ])

    public init() {}

    public func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        throw CommandFailure.notAvailableYet("the C8 server arrives with the server issue")
    }
}
