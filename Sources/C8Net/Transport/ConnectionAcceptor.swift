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
    /// Connections refused over `maxConnections` since the last log line,
    /// and when that line was written (one a second at most).
    private var refusedSinceLog = 0
    private var lastRefusalLog: ContinuousClock.Instant?

    /// What a connection over `maxConnections` gets before it is closed.
    private static let refusal: [UInt8] = {
        let body = #"{"error":true,"code":503,"errorNum":503,"errorMessage":"too many connections; try again later"}"#
        return Array(("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n"
            + "Retry-After: 1\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body).utf8)
    }()

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
            if server.openConnections.load(ordering: .relaxed) >= server.configuration.maxConnections {
                refuse(descriptor)
                continue
            }
            // Counted here, not when a loop adopts it, so a burst of
            // accepts cannot overshoot the limit.
            server.openConnections.add(1, ordering: .relaxed)
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

    /// Answers 503 without reading the request (it may not have arrived)
    /// and closes; the send never blocks the loop.
    private func refuse(_ descriptor: Int32) {
        Self.refusal.withUnsafeBytes { bytes in
            _ = Glibc.send(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
        }
        Glibc.close(descriptor)
        refusedSinceLog += 1
        let now = loop.now
        if lastRefusalLog.map({ now - $0 >= .seconds(1) }) ?? true {
            server.log(.warning, "\(refusedSinceLog) connection(s) refused: \(server.configuration.maxConnections) open (maxConnections)")
            refusedSinceLog = 0
            lastRefusalLog = now
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
