import Synchronization

/// Opens the streams the clients talk over: TCP, and TLS on top for
/// `https` and `wss` origins.
final class ClientConnector: Sendable {
    let connectTimeout: Duration?
    let tlsVerification: TLSServerVerification
    /// Built on first use and shared: loading a trust store costs
    /// milliseconds, too much for every connection.
    private let tlsContext = Mutex<TLSContext?>(nil)

    init(connectTimeout: Duration?, tlsVerification: TLSServerVerification) {
        self.connectTimeout = connectTimeout
        self.tlsVerification = tlsVerification
    }

    /// A connected stream to `origin`, its TLS handshake done if secure.
    /// - Throws: ``NetworkClientError``.
    func connect(to origin: ClientURL.Origin) throws -> any BlockingByteStream {
        let deadline = connectTimeout.map { ContinuousClock.now + $0 }
        let socket = try TCPClientSocket.connect(host: origin.host, port: origin.port, timeout: connectTimeout)
        guard origin.isSecure else { return socket }
        do {
            return try TLSClientStream(socket: socket, context: clientContext(), serverName: origin.host,
                                       timeout: deadline.map { max(ContinuousClock.now.duration(to: $0), .zero) })
        } catch {
            socket.close()
            throw error
        }
    }

    private func clientContext() throws -> TLSContext {
        try tlsContext.withLock { cached -> TLSContext in
            if let cached { return cached }
            do {
                let context = try TLSContext.client(verification: tlsVerification)
                cached = context
                return context
            } catch {
                throw NetworkClientError(.tlsFailed, "TLS client setup: \(error)")
            }
        }
    }
}
