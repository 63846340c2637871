import Dispatch
import Synchronization

/// A server-side WebSocket: what an HTTP connection becomes after the 101.
///
/// The transport feeds it bytes on the connection's event loop; it answers
/// pings and close frames itself and hands messages to its
/// ``WebSocketHandler``. The send methods work from any thread and return
/// false once the connection is closing.
public final class WebSocketConnection: ConnectionUpgrade {
    /// The upgrade request: its target and headers (authorization, stream
    /// parameters) are what a handler needs to know whom it serves.
    public let request: HTTPRequest
    private let handler: any WebSocketHandler
    private let state: Mutex<State>

    private struct State: Sendable {
        var session: WebSocketSession
        var output: (any ConnectionOutput)?
        /// Bytes waiting to be written, in order; see `flush()`.
        var outbox: [[UInt8]] = []
        /// Whether some thread is writing the outbox right now.
        var flushing = false
        /// Whether the transport is to be closed once the outbox is written.
        var closeRequested = false
        /// Whether the handler has had its `didClose`.
        var closeReported = false
    }

    public init(request: HTTPRequest, handler: any WebSocketHandler,
                configuration: WebSocketConfiguration = WebSocketConfiguration()) {
        self.request = request
        self.handler = handler
        state = Mutex(State(session: WebSocketSession(role: .server, configuration: configuration)))
    }

    // MARK: ConnectionUpgrade

    public func start(output: any ConnectionOutput) {
        state.withLock { $0.output = output }
        flush()
        handler.didOpen(self)
    }

    public func received(_ bytes: UnsafeRawBufferPointer) {
        let events = state.withLock { state -> [WebSocketEvent] in
            let output = state.session.receive(bytes)
            Self.enqueue(output.bytes, closeTransport: output.closeTransport, in: &state)
            return Self.claimEvents(output.events, in: &state)
        }
        // The handler hears of a close before the peer gets the reply, so
        // whatever the connection held (a stream subscription) is released
        // by the time the peer can reconnect.
        deliver(events)
        flush()
    }

    public func closed() {
        let events = state.withLock { state -> [WebSocketEvent] in
            state.output = nil
            state.outbox = []
            let final = state.session.end(reason: "connection closed without a close frame")
            return Self.claimEvents(final.map { [$0] } ?? [], in: &state)
        }
        deliver(events)
    }

    // MARK: Sending

    /// Sends a text message.
    @discardableResult
    public func send(text: String) -> Bool { sendMessage(.text, text.utf8) }

    /// Sends a text message given as its UTF-8 bytes — a frame the caller
    /// wrote as bytes (stream deliveries and receipts) need not become a
    /// `String` first. The bytes are not checked: they must be valid UTF-8.
    @discardableResult
    public func send(textUTF8 bytes: [UInt8]) -> Bool { sendMessage(.text, bytes) }

    /// Sends the text messages of `batch`, framed as they are, in one lock
    /// round and one write.
    @discardableResult
    public func send(_ batch: WebSocketTextBatch) -> Bool {
        guard !batch.isEmpty else { return true }
        let (sent, work) = state.withLock { state -> (Bool, FlushWork?) in
            guard state.session.state == .open else { return (false, Self.claimFlush(&state)) }
            Self.enqueue(batch.bytes, closeTransport: false, in: &state)
            return (true, Self.claimFlush(&state))
        }
        flush(work)
        return sent
    }

    /// Sends a binary message.
    @discardableResult
    public func send(binary: [UInt8]) -> Bool { sendMessage(.binary, binary) }

    /// Sends a ping; the peer's pong reaches ``WebSocketHandler/didReceivePong(_:payload:)``.
    /// - Precondition: `payload` has at most 125 bytes.
    @discardableResult
    public func ping(_ payload: [UInt8] = []) -> Bool {
        send { $0.encodePing(payload) }
    }

    /// Starts the closing handshake. The transport closes when the peer
    /// answers, or after the configured close timeout.
    @discardableResult
    public func close(code: WebSocketCloseCode = .normalClosure, reason: String = "") -> Bool {
        let sent = send { $0.encodeClose(code, reason: reason) }
        if sent {
            let timeout = state.withLock { $0.session.configuration.closeTimeout }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout.secondsAsDouble) { [weak self] in
                self?.closeHandshakeTimedOut()
            }
        }
        return sent
    }

    private func sendMessage(_ opcode: WebSocketOpcode, _ payload: some Collection<UInt8>) -> Bool {
        send { $0.encodeMessage(opcode, payload) }
    }

    private func send(_ encode: (inout WebSocketSession) -> [UInt8]?) -> Bool {
        let (sent, work) = state.withLock { state -> (Bool, FlushWork?) in
            guard let bytes = encode(&state.session) else { return (false, Self.claimFlush(&state)) }
            Self.enqueue(bytes, closeTransport: false, in: &state)
            return (true, Self.claimFlush(&state))
        }
        flush(work)
        return sent
    }

    private func closeHandshakeTimedOut() {
        let events = state.withLock { state -> [WebSocketEvent] in
            guard let final = state.session.end(reason: "no close frame from the peer in time") else { return [] }
            Self.enqueue([], closeTransport: true, in: &state)
            return Self.claimEvents([final], in: &state)
        }
        flush()
        deliver(events)
    }

    // MARK: Output and delivery

    private static func enqueue(_ bytes: [UInt8], closeTransport: Bool, in state: inout State) {
        if !bytes.isEmpty { state.outbox.append(bytes) }
        if closeTransport { state.closeRequested = true }
    }

    private typealias FlushWork = (output: any ConnectionOutput, bytes: [[UInt8]], close: Bool)

    /// Writes the outbox outside the lock, one thread at a time, so frames
    /// leave in the order they were encoded even when several threads send,
    /// and a transport that calls back into this object cannot deadlock.
    /// `claimed` is work the caller already took under the lock (saving a
    /// lock round per frame sent).
    private func flush(_ claimed: FlushWork? = nil) {
        var work = claimed ?? state.withLock { Self.claimFlush(&$0) }
        while let current = work {
            for chunk in current.bytes { current.output.write(chunk) }
            if current.close { current.output.close() }
            work = state.withLock { state in
                state.flushing = false
                return Self.claimFlush(&state)
            }
        }
    }

    /// Takes the outbox for writing, unless another thread is writing or
    /// there is nothing to do.
    private static func claimFlush(_ state: inout State) -> FlushWork? {
        guard !state.flushing, let output = state.output,
              !state.outbox.isEmpty || state.closeRequested else { return nil }
        state.flushing = true
        let bytes = state.outbox
        state.outbox = []
        let close = state.closeRequested
        if close { state.output = nil }
        return (output, bytes, close)
    }

    /// Marks a close event as reported, so `didClose` runs exactly once
    /// whichever of the peer, a failure, a timeout or the transport ends
    /// the connection first.
    private static func claimEvents(_ events: [WebSocketEvent], in state: inout State) -> [WebSocketEvent] {
        // A read without a close (nearly all) keeps its array: filtering
        // copied every event, and each message's text with it.
        guard events.contains(where: { if case .close = $0 { true } else { false } }) else { return events }
        return events.filter { event in
            guard case .close = event else { return true }
            if state.closeReported { return false }
            state.closeReported = true
            return true
        }
    }

    private func deliver(_ events: [WebSocketEvent]) {
        var unfinished = false
        // Through the buffer: `for event in events` copied each event.
        events.withUnsafeBufferPointer { events in
            for index in events.indices {
                switch events[index] {
                case .text(let text):
                    handler.didReceive(self, text: text)
                    unfinished = true
                case .binary(let bytes):
                    handler.didReceive(self, binary: bytes)
                    unfinished = true
                case .pong(let payload): handler.didReceivePong(self, payload: payload)
                case .ping: break
                case .close(let code, let reason):
                    if unfinished { handler.didFinishReading(self) }
                    unfinished = false
                    handler.didClose(self, code: code, reason: reason)
                }
            }
        }
        if unfinished { handler.didFinishReading(self) }
    }
}
