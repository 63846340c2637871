import C8Core

/// Taking requests from the parser, running them on the worker pool and
/// writing their responses in order.
///
/// Pipelined requests with safe methods (GET, HEAD, OPTIONS) run
/// concurrently, as RFC 9112 §9.3.2 allows; any other request is a barrier:
/// it waits until every earlier request has finished, and later ones wait
/// for it. So a pipelined PUT then GET of one document reads what the PUT
/// wrote, while a burst of GETs is not serialized behind a slow one. A
/// request asking to upgrade is a barrier too: after it nothing is parsed
/// until its response decides whether the bytes that follow are HTTP.
extension HTTPConnection {
    func processRequests() {
        let maxPipelined = server.configuration.maxPipelinedRequests
        while case .open = phase, upgrade == nil, !parsingStopped, !awaitingUpgradeDecision {
            if let waiting = deferred {
                guard canDispatch(waiting) else { break }
                deferred = nil
                dispatch(waiting)
                continue
            }
            guard responses.outstanding < maxPipelined, !pausedForOutput, let event = parser.next() else { break }
            switch event {
            case .request(let request):
                headStarted = nil
                noteUnexpectedBody(request)
                if canDispatch(request) { dispatch(request) } else { deferred = request }
            case .continueRequested:
                headStarted = nil
                // Only when the interim response cannot land between two
                // earlier responses; otherwise the client sends the body
                // after its own timeout.
                if responses.outstanding == 0 { send(HTTPResponseWriter.continueResponse) }
            case .rejected(let error):
                reject(error)
            }
        }
        if case .open = phase, closeWhenAnswered, upgrade == nil, responses.outstanding == 0, deferred == nil {
            closeAfterOutput()
            return
        }
        flush() // responses answered on the loop, a 100 Continue
    }

    private static func isBarrier(_ request: HTTPRequest) -> Bool {
        switch request.method {
        case .get, .head, .options: return request.headers.contains("Upgrade")
        case .post, .put, .delete, .patch: return true
        }
    }

    private func canDispatch(_ request: HTTPRequest) -> Bool {
        running == 0 || (!Self.isBarrier(request) && runningBarriers == 0)
    }

    private func dispatch(_ request: HTTPRequest) {
        if let fast = server.eventLoopHandler, let response = fast.respondOnEventLoop(to: request, peer: peer) {
            if !request.keepsAlive { parsingStopped = true }
            let sequence = responses.reserve()
            responses.complete(sequence, with: Self.finish(response, method: request.method, version: request.version,
                                                           keepsAlive: request.keepsAlive))
            writeFinishedResponses()
            return
        }
        let sequence = responses.reserve()
        let barrier = Self.isBarrier(request)
        running += 1
        if barrier { runningBarriers += 1 }
        if request.headers.contains("Upgrade") { awaitingUpgradeDecision = true }
        let keepsAlive = request.keepsAlive
        if !keepsAlive { parsingStopped = true }
        let method = request.method
        let version = request.version
        server.workers.submit { [self] in
            let response = server.handler.handle(request, peer: peer)
            let finished = Self.finish(response, method: method, version: version, keepsAlive: keepsAlive)
            loop.execute { [self] in responseArrived(sequence, finished, barrier: barrier) }
        }
    }

    /// Serializes on the worker, so the loop only copies bytes.
    private static func finish(_ response: HTTPResponse, method: HTTPMethod, version: HTTPVersion,
                               keepsAlive: Bool) -> FinishedResponse {
        let upgrade = response.status == 101 ? response.upgrade : nil
        let closes = upgrade == nil && (!keepsAlive || asksToClose(response.headers))
        let framing = HTTPResponseWriter.Framing(requestMethod: method, requestVersion: version, closesConnection: closes,
                                                  date: HTTPDate.now())
        return FinishedResponse(bytes: HTTPResponseWriter.serialize(response, framing: framing),
                                closesConnection: closes, upgrade: upgrade)
    }

    private static func asksToClose(_ headers: HTTPHeaders) -> Bool {
        headers.values("Connection").contains { value in
            value.split(separator: ",").contains { $0.trimmingSpaces.lowercased() == "close" }
        }
    }

    private func responseArrived(_ sequence: Int, _ response: FinishedResponse, barrier: Bool) {
        running -= 1
        if barrier { runningBarriers -= 1 }
        // An upgrade request runs alone, so it is the one that finished.
        if running == 0 { awaitingUpgradeDecision = false }
        guard case .open = phase else { return }
        lastActivity = loop.now
        // A head that began arriving while this ran gets its full time.
        if headStarted != nil { headStarted = lastActivity }
        responses.complete(sequence, with: response)
        writeFinishedResponses()
        processRequests()
        flush()
    }

    private func writeFinishedResponses() {
        while case .open = phase, let next = responses.popNext() {
            send(next.bytes)
            if next.closesConnection {
                closeAfterOutput()
                return
            }
            if let upgrade = next.upgrade {
                switchProtocols(to: upgrade)
                return
            }
        }
    }

    private func reject(_ error: HTTPParseError) {
        server.log(.debug, "\(peer.address):\(peer.port): \(error.status) \(error.message)")
        refuse(status: error.status, message: error.message)
    }

    /// Answers `status` with a C8 error body and closes: nothing more is read.
    func refuse(status: Int, message: String) {
        parsingStopped = true
        let body = C8Error(code: status, errorNum: status, message: message).json.serialized()
        var response = HTTPResponse(status: status, body: body)
        response.headers.set("Content-Type", "application/json; charset=utf-8")
        let sequence = responses.reserve()
        responses.complete(sequence, with: FinishedResponse(
            bytes: HTTPResponseWriter.serialize(response, framing: .rejection(date: HTTPDate.now())), closesConnection: true, upgrade: nil))
        writeFinishedResponses()
        flush()
    }

    /// The seed asks for GET, HEAD and DELETE bodies to be accepted and
    /// logged: they are legal but unusual enough to point at a client bug.
    private func noteUnexpectedBody(_ request: HTTPRequest) {
        guard request.method.expectsNoBody, !request.body.isEmpty else { return }
        server.log(.warning, "\(request.method.rawValue) \(request.rawPath) from \(peer.address):\(peer.port) carries a body of \(request.body.count) bytes")
    }

    // MARK: Switching protocols

    private func switchProtocols(to upgrade: any ConnectionUpgrade) {
        self.upgrade = upgrade
        // The client may have sent its first frames right behind the handshake.
        let early = parser.takeUnparsedBytes()
        upgrade.start(output: UpgradedConnectionOutput(connection: self))
        if !early.isEmpty { early.withUnsafeBytes { upgrade.received($0) } }
        updateWatchedEvents()
    }

    /// Bytes from the upgraded protocol. They are flushed by a task queued
    /// behind the loop's pending tasks, so the frames written by one batch
    /// of tasks (the receipts for every frame of one read, or a burst of
    /// deliveries) leave in one `send` instead of one each.
    func writeFromUpgrade(_ bytes: [UInt8]) {
        guard case .open = phase, upgrade != nil else { return }
        send(bytes)
        guard !upgradeFlushQueued else { return }
        upgradeFlushQueued = true
        loop.execute { [self] in
            upgradeFlushQueued = false
            flush()
        }
    }
}
