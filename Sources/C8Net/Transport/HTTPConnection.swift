import Glibc

/// One accepted connection: bytes in through the parser, requests out to
/// the worker pool, responses back in request order, and the lifecycle
/// around them (keep-alive, timeouts, back-pressure, closing politely,
/// switching protocols). Everything here runs on the connection's loop;
/// workers reach it only through `loop.execute`.
final class HTTPConnection: EventLoopHandler, @unchecked Sendable {
    enum Phase {
        /// Reading and answering requests (or carrying an upgraded protocol).
        case open
        /// The last response is queued; writing it, discarding input.
        case draining
        /// Output written and our side shut down; discarding input until the
        /// client closes or `lingerTimeout` passes, so unread request bytes
        /// do not turn our close into a reset that destroys the response.
        case lingering(since: ContinuousClock.Instant)
        case closed
    }

    let loop: EventLoop
    let descriptor: Int32
    let server: HTTPServerContext
    let peer: PeerInfo
    let tls: TLSSession?

    var parser: HTTPRequestParser
    var output = OutputBuffer()
    var responses = InOrderResponses()
    /// A parsed request that must wait for earlier ones to finish (see
    /// `canDispatch`).
    var deferred: HTTPRequest?
    /// Requests with a handler running, and how many of them are barriers.
    var running = 0
    var runningBarriers = 0
    /// A request asking to switch protocols is running: the bytes after it
    /// may not be HTTP, so nothing more is parsed until it is answered.
    var awaitingUpgradeDecision = false
    /// No more requests are taken: one asked to close, was refused, or the
    /// server is stopping.
    var parsingStopped = false
    /// Close once every request taken is answered (the client finished
    /// sending, or the server is stopping).
    var closeWhenAnswered = false
    var peerFinishedSending = false
    /// Unsent output is over the bound: neither the socket nor the
    /// requests already buffered are taken until it drains.
    var pausedForOutput = false
    var upgrade: (any ConnectionUpgrade)?
    /// Whether a flush of the upgraded protocol's output is queued on the loop.
    var upgradeFlushQueued = false
    var phase = Phase.open
    /// Last byte received or response finished: the idle and body-wait
    /// clocks run from here.
    var lastActivity: ContinuousClock.Instant
    /// When the first byte of the request head being received arrived
    /// (nil while no partial head is held): the header timeout runs from here.
    var headStarted: ContinuousClock.Instant?
    /// Last time the socket took output (or output began waiting).
    var lastWriteProgress: ContinuousClock.Instant
    var watchedEvents: UInt32 = 0

    private init(descriptor: Int32, loop: EventLoop, server: HTTPServerContext, peer: PeerInfo,
                 tls: TLSSession?) {
        self.descriptor = descriptor
        self.loop = loop
        self.server = server
        self.peer = peer
        self.tls = tls
        parser = HTTPRequestParser(limits: server.configuration.limits)
        lastActivity = loop.now
        lastWriteProgress = loop.now
    }

    /// Takes over an accepted socket on `loop` (on its thread).
    static func adopt(descriptor: Int32, peer: PeerInfo, tls: TLSContext?, on loop: EventLoop,
                      server: HTTPServerContext) {
        // The acceptor counted the connection; every way out below that
        // does not register it uncounts it.
        if server.isStopping {
            Glibc.close(descriptor)
            server.openConnections.subtract(1, ordering: .relaxed)
            return
        }
        var session: TLSSession?
        if let tls {
            do {
                session = try TLSSession(context: tls)
            } catch {
                server.log(.error, "TLS session for \(peer.address):\(peer.port): \(error)")
                Glibc.close(descriptor)
                server.openConnections.subtract(1, ordering: .relaxed)
                return
            }
        }
        // Responses are written whole; waiting for more to coalesce only
        // adds latency.
        var on: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        let connection = HTTPConnection(descriptor: descriptor, loop: loop, server: server, peer: peer, tls: session)
        do {
            try loop.register(descriptor, events: EpollEvents.readable, handler: connection)
        } catch {
            server.log(.error, "registering \(peer.address):\(peer.port): \(error)")
            Glibc.close(descriptor)
            server.openConnections.subtract(1, ordering: .relaxed)
            return
        }
        connection.watchedEvents = EpollEvents.readable
    }

    // MARK: Events

    func handleEvents(_ events: UInt32) {
        // Hang-up means both directions are gone: nothing can be answered.
        if events & (EpollEvents.error | EpollEvents.hangUp) != 0 {
            close()
            return
        }
        if events & EpollEvents.readable != 0 { readAvailable() }
        if events & EpollEvents.writable != 0 { flush() }
    }

    private func readAvailable() {
        let buffer = loop.readBuffer
        let count = recv(descriptor, buffer.baseAddress, buffer.count, 0)
        if count > 0 {
            lastActivity = loop.now
            guard case .open = phase else { return } // draining or lingering: discard
            let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            if tls != nil { receiveCiphertext(bytes) } else { receivePlaintext(bytes) }
        } else if count == 0 {
            peerClosedSending()
        } else if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
            close()
        }
    }

    private func receiveCiphertext(_ bytes: UnsafeRawBufferPointer) {
        guard let tls else { return }
        tls.receiveCiphertext(bytes)
        var plaintext = loop.plaintextScratch
        loop.plaintextScratch = []
        defer {
            plaintext.removeAll(keepingCapacity: true)
            loop.plaintextScratch = plaintext
        }
        let status: TLSSession.ReadStatus
        do {
            status = try tls.readPlaintext(into: &plaintext)
        } catch {
            server.log(.debug, "TLS with \(peer.address):\(peer.port): \(error)")
            output.appendInPlace { tls.takeCiphertext(into: &$0) } // the alert, if any
            flush()
            close()
            return
        }
        output.appendInPlace { tls.takeCiphertext(into: &$0) }
        if !plaintext.isEmpty { plaintext.withUnsafeBytes { receivePlaintext($0) } }
        if status == .closedByPeer { peerClosedSending() }
        flush()
    }

    private func receivePlaintext(_ bytes: UnsafeRawBufferPointer) {
        guard case .open = phase else { return }
        if let upgrade {
            upgrade.received(bytes)
            return
        }
        guard !parsingStopped else { return }
        parser.feed(bytes)
        processRequests()
        if !parser.hasPartialHead {
            headStarted = nil
        } else if headStarted == nil {
            headStarted = loop.now
        }
    }

    /// The client shut down its side: answer what it sent, then close.
    private func peerClosedSending() {
        peerFinishedSending = true
        switch phase {
        case .closed:
            return
        case .lingering:
            close()
        case .draining:
            return // `startLingering` closes once the output is out
        case .open:
            if upgrade != nil {
                close()
                return
            }
            closeWhenAnswered = true
            processRequests()
        }
    }

    // MARK: Output

    /// Queues plaintext for the peer (encrypting it on TLS connections).
    func send(_ bytes: [UInt8]) {
        if output.isEmpty { lastWriteProgress = loop.now }
        guard let tls else {
            output.append(bytes)
            return
        }
        do {
            try tls.writePlaintext(bytes)
        } catch {
            server.log(.debug, "TLS with \(peer.address):\(peer.port): \(error)")
            close()
            return
        }
        output.appendInPlace { tls.takeCiphertext(into: &$0) }
    }

    /// Writes as much output as the socket takes.
    func flush() {
        if case .closed = phase { return }
        while !output.isEmpty {
            let written = output.drain { bytes in
                Glibc.send(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            }
            if written > 0 {
                lastWriteProgress = loop.now
                continue
            }
            if written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { break }
            if written < 0 && errno == EINTR { continue }
            close() // EPIPE, ECONNRESET: the client is gone
            return
        }
        if output.isEmpty, case .draining = phase { startLingering() }
        updateWatchedEvents()
    }

    /// Read when there is room for what reading leads to; write when
    /// output waits.
    func updateWatchedEvents() {
        let limit = server.configuration.maxUnsentOutputBytes
        if output.count >= limit {
            pausedForOutput = true
        } else if pausedForOutput && output.count <= limit / 2 {
            pausedForOutput = false
            // Requests may wait in the parser; take them after this event.
            if upgrade == nil { loop.execute { [self] in processRequests() } }
        }
        let wantsRead: Bool
        switch phase {
        case .closed:
            return
        case .draining, .lingering:
            wantsRead = !peerFinishedSending
        case .open:
            let takesRequests = upgrade != nil
                || (!parsingStopped && deferred == nil && !awaitingUpgradeDecision
                    && responses.outstanding < server.configuration.maxPipelinedRequests)
            wantsRead = !peerFinishedSending && !pausedForOutput && takesRequests
        }
        var events: UInt32 = 0
        if wantsRead { events |= EpollEvents.readable }
        if !output.isEmpty { events |= EpollEvents.writable }
        if events != watchedEvents {
            watchedEvents = events
            loop.modify(descriptor, events: events)
        }
    }

    // MARK: Closing

    /// Stops taking requests and closes once the queued output is written.
    func closeAfterOutput() {
        switch phase {
        case .open:
            phase = .draining
            parsingStopped = true
            deferred = nil
            responses.abandonAll()
            if let tls {
                tls.close()
                output.appendInPlace { tls.takeCiphertext(into: &$0) }
            }
            flush()
        case .draining, .lingering, .closed:
            return
        }
    }

    private func startLingering() {
        shutdown(descriptor, Int32(SHUT_WR))
        phase = .lingering(since: loop.now)
        if peerFinishedSending { close() }
    }

    func close() {
        if case .closed = phase { return }
        phase = .closed
        loop.deregister(descriptor)
        Glibc.close(descriptor)
        server.openConnections.subtract(1, ordering: .relaxed)
        output.removeAll()
        responses.abandonAll()
        deferred = nil
        if let upgrade {
            self.upgrade = nil // breaks the cycle through the upgrade's output handle
            upgrade.closed()
        }
    }

    func forceClose() { close() }

    // MARK: Deadlines

    func checkTimeouts(now: ContinuousClock.Instant) {
        let limits = server.configuration.limits
        switch phase {
        case .closed:
            return
        case .lingering(let since):
            // A stopping server still lingers, briefly: the response it
            // just wrote should reach the client.
            let linger = server.configuration.lingerTimeout
            if now - since >= (server.isStopping ? min(linger, .milliseconds(200)) : linger) { close() }
        case .draining:
            if now - lastWriteProgress >= limits.idleTimeout { close() }
        case .open:
            if !output.isEmpty {
                // A client that stopped reading.
                if now - lastWriteProgress >= limits.idleTimeout { close() }
                return
            }
            if upgrade != nil || running > 0 || deferred != nil || responses.outstanding > 0 { return }
            if parser.hasPartialHead, let headStarted, now - headStarted >= limits.headerTimeout {
                server.log(.info, "\(peer.address):\(peer.port) took over \(limits.headerTimeout) to send a request head; closing")
                refuse(status: 408, message: "request head not received within \(limits.headerTimeout)")
            } else if parser.hasPartialRequest {
                if now - lastActivity >= limits.bodyWaitTimeout {
                    server.log(.info, "\(peer.address):\(peer.port) sent part of a request and nothing for \(limits.bodyWaitTimeout); closing")
                    close()
                }
            } else if server.isStopping || now - lastActivity >= limits.idleTimeout {
                close()
            }
        }
    }

    /// The server is stopping: finish the requests already taken, then close.
    func shutDownGracefully() {
        guard case .open = phase else { return }
        if upgrade != nil {
            closeAfterOutput()
            return
        }
        parsingStopped = true
        deferred = nil
        closeWhenAnswered = true
        if responses.outstanding == 0 { closeAfterOutput() } else { updateWatchedEvents() }
    }
}
