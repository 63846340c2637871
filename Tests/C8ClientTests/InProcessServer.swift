import C8Core
import C8Engine
import C8Net
import C8Server

/// `c8 serve` inside the test process: the C8 API with authentication and
/// permissions over an in-memory engine, on a port the kernel picks, wired
/// as ServeCommand wires it.
final class InProcessServer {
    static let adminKey = "contract-admin-key"
    /// Two regions, so fabrics can be created with a `dcList` naming both.
    static let regions = ["us-east", "eu-west"]

    let engine: Engine
    let server: HTTPServer
    let url: String
    /// `https://127.0.0.1:port` when started with a TLS directory.
    let tlsURL: String?
    /// The CA that signed the TLS listener's certificate.
    let caFile: String?

    /// - Parameter tlsDirectory: where to write a development CA and server
    ///   certificate; with it, a TLS listener runs next to the plain one.
    init(tlsDirectory: String? = nil) throws {
        engine = try Engine.inMemory()
        try engine.prepareAccounts(adminKey: Self.adminKey)
        let authenticator = Authenticator(engine: engine)
        let api = try C8APIHandler(
            engine: engine,
            configuration: C8APIConfiguration(regions: Self.regions, tenant: engine.defaultTenantName),
            gate: PermissionGate(authenticator: authenticator),
            extraGroups: AuthRouteGroups.all(authenticator: authenticator))
        var listeners = [HTTPListenerConfiguration(host: "127.0.0.1", port: 0)]
        var caFile: String?
        if let tlsDirectory {
            let files = try DevelopmentCertificates.write(to: tlsDirectory)
            listeners.append(HTTPListenerConfiguration(
                host: "127.0.0.1", port: 0, tls: try TLSContext.server(certificateFile: files.certificateFile, keyFile: files.keyFile)))
            caFile = files.caCertificateFile
        }
        self.caFile = caFile
        var configuration = HTTPServerConfiguration(listeners: listeners)
        configuration.log = .disabled
        server = HTTPServer(configuration: configuration, handler: api)
        do {
            try server.start()
        } catch {
            engine.close()
            throw error
        }
        url = "http://127.0.0.1:\(server.port ?? 0)"
        tlsURL = server.listeners.first(where: \.isTLS).map { "https://127.0.0.1:\($0.port)" }
    }

    func stop() {
        server.stop()
        engine.close()
    }
}
