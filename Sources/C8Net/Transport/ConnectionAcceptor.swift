import Glibc

/// Accepts connections on one listening socket and deals them out to the
/// server's loops. Runs on the first loop; accepting is cheap next to
/// serving, so one acceptor keeps up.
final class ConnectionAcceptor: EventLoopHandler {
    private let socket: ListeningSocket
    private let tls: TLSContext?
    private let loop: EventLoop
    private let server: HTTPServerContext
    /// Set when the process ran out of descriptors: level-triggered epoll
    /// would report the waiting connection forever, so the acceptor stops
    /// watching until the next tick.
    private var paused = false
    private var closed = false

    /// Accepts per wake-up, so a burst of connects does not hold the loop.
    private static let maxAcceptsPerEvent = 64

    init(socket: ListeningSocket, tls: TLSContext?, loop: EventLoop, server: HTTPServerContext) {
        self.socket = socket
        self.tls = tls
        self.loop = loop
        self.server = server
    }

    /// Starts watching the socket; before the loop runs or on it.
    func register() throws(TransportError) {
        try loop.register(socket.descriptor, events: EpollEvents.readable, handler: self)
    }

    func handleEvents(_ events: UInt32) {
        for _ in 0..<Self.maxAcceptsPerEvent {
            guard !closed, !server.isStopping else { return }
            var address = SocketAddress()
            let descriptor = withUnsafeMutablePointer(to: &address.storage) { raw in
                raw.withMemoryRebound(to: sockaddr.self, capacity: 1) { accept(socket.descriptor, $0, &address.length) }
            }
            if descriptor < 0 {
                switch errno {
                case EAGAIN, EWOULDBLOCK:
                    return
                case EINTR, ECONNABORTED, EPROTO:
                    continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    server.log(.error, "accept on port \(socket.port): \(String(cString: strerror(errno))); pausing")
                    paused = true
                    loop.modify(socket.descriptor, events: 0)
                    return
                default:
                    server.log(.error, "accept on port \(socket.port): \(String(cString: strerror(errno)))")
                    return
                }
            }
            // Swift's Glibc module leaves out accept4 (a _GNU_SOURCE
            // declaration), so the flags are set after accepting.
            guard fcntl(descriptor, F_SETFD, FD_CLOEXEC) == 0,
                  fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK) == 0 else {
                server.log(.error, "configuring an accepted socket: \(String(cString: strerror(errno)))")
                Glibc.close(descriptor)
                continue
            }
            let (host, port) = address.hostAndPort
            let peer = PeerInfo(address: host, port: port, isTLS: tls != nil, localPort: socket.port)
            let target = server.loops.next()
            let tls = tls
            let server = server
            target.execute {
                HTTPConnection.adopt(descriptor: descriptor, peer: peer, tls: tls, on: target, server: server)
            }
        }
    }

    func checkTimeouts(now: ContinuousClock.Instant) {
        guard paused, !closed else { return }
        paused = false
        loop.modify(socket.descriptor, events: EpollEvents.readable)
    }

    /// Stops accepting and closes the socket; on the loop only.
    func close() {
        guard !closed else { return }
        closed = true
        loop.deregister(socket.descriptor)
        socket.close()
    }

    func forceClose() { close() }
}
