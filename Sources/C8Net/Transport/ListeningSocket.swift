import Glibc

/// A bound, listening, non-blocking TCP socket.
final class ListeningSocket {
    let descriptor: Int32
    /// The host it was asked to bind, for messages.
    let host: String
    /// The port it is bound to: the one asked for, or the kernel's choice
    /// when that was 0.
    let port: Int
    private var closed = false

    /// Binds the first address `host` resolves to that accepts the bind.
    ///
    /// - Throws: `TransportError` naming the address when no address binds
    ///   (in use, not local, no permission for a port below 1024).
    init(host: String, port: Int, backlog: Int32) throws(TransportError) {
        var lastError = TransportError(operation: "bind \(host):\(port)", code: 0, reason: "no address to bind")
        for address in try SocketAddress.resolve(host: host, port: port) {
            let descriptor = socket(address.family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
            guard descriptor >= 0 else {
                lastError = .errno("socket for \(host):\(port)")
                continue
            }
            // Restarting a server must not wait for TIME_WAIT to expire.
            var on: Int32 = 1
            setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
            let bound = address.withSocketAddress { bind(descriptor, $0, $1) } == 0
            if bound, listen(descriptor, backlog) == 0, let local = try? SocketAddress.local(of: descriptor) {
                self.descriptor = descriptor
                self.host = host
                self.port = local.hostAndPort.port
                return
            }
            lastError = .errno(bound ? "listen on \(host):\(port)" : "bind \(host):\(port)")
            Glibc.close(descriptor)
        }
        throw lastError
    }

    deinit { close() }

    func close() {
        guard !closed else { return }
        closed = true
        Glibc.close(descriptor)
    }
}
