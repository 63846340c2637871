import Dispatch
import Synchronization

/// A blocking WebSocket client (RFC 6455): connects, sends masked frames,
/// answers pings, and runs the close handshake.
///
/// Any thread may send, and frames are written whole under a lock, so
/// messages from different threads never interleave. Receiving is one
/// thread at a time (a second receiver waits for the first); ``close(code:reason:timeout:)``
/// works from any thread, also while another is blocked receiving.
///
/// ```swift
/// var headers = HTTPHeaders()
/// headers.add("Authorization", "apikey \(key)")
/// let socket = try WebSocketClient.connect(to: "ws://localhost:8529/_ws/ws/v2/producer/…", headers: headers)
/// try socket.send(text: #"{"payload":"aGk="}"#)
/// let receipt = try socket.receive(timeout: .seconds(5))
/// try socket.close()
/// ```
public final class WebSocketClient: Sendable {
    public let url: ClientURL
    /// The server's 101 response.
    public let handshakeResponse: HTTPResponse
    public let configuration: WebSocketClientConfiguration
    private let stream: any BlockingByteStream
    private let state: Mutex<State>
    /// Held while a thread reads from the stream and feeds the session:
    /// chunks must reach the session in the order they were read.
    private let reading = Mutex<Void>(())
    /// Held while a frame is encoded and written, so frames leave in the
    /// order they were encoded (nothing after our close frame), without
    /// holding `state` across the write: a sender blocked in `write` used
    /// to stall the reader of the same socket on `state`.
    private let writing = Mutex<Void>(())

    private struct State: Sendable {
        var session: WebSocketSession
        /// Events decoded, oldest first; those from `pendingStart` on are
        /// not yet returned (an index, not `removeFirst`, which moved every
        /// later event: a 64 KiB read holds a thousand receipts).
        var pending: [WebSocketEvent] = []
        var pendingStart = 0
        /// Set once the final close event is queued.
        var closeStatus: (code: WebSocketCloseCode, reason: String)?
        /// Set once the final close event was returned; receiving past it fails.
        var finalEventReturned = false
        /// Closers waiting for another thread's receive to see the end.
        var closeWaiters: [DispatchSemaphore] = []

        /// Queues events for the receiver; the close event, always last,
        /// records how the connection ended and wakes waiting closers.
        mutating func queue(_ events: [WebSocketEvent]) {
            pending.append(contentsOf: events)
            guard case .close(let code, let reason)? = events.last else { return }
            closeStatus = (code, reason)
            closeWaiters.forEach { $0.signal() }
            closeWaiters = []
        }
    }

    private init(url: ClientURL, handshakeResponse: HTTPResponse, stream: any BlockingByteStream,
                 leftover: [UInt8], configuration: WebSocketClientConfiguration) {
        self.url = url
        self.handshakeResponse = handshakeResponse
        self.stream = stream
        self.configuration = configuration
        var session = WebSocketSession(role: .client, configuration: configuration.webSocket)
        // Frames that came with the 101 are processed now, their replies
        // written at once; a failed write shows up at the first receive.
        let output = session.receive(leftover)
        var initial = State(session: session)
        initial.queue(output.events)
        state = Mutex(initial)
        if !output.bytes.isEmpty { try? stream.write(output.bytes, timeout: configuration.writeTimeout) }
        if output.closeTransport { stream.close() }
    }

    deinit { stream.close() }

    /// Connects to a `ws` or `wss` URL and completes the handshake.
    ///
    /// - Parameter headers: extra handshake headers, such as
    ///   `Authorization` (C8 stream sockets) or `Origin`.
    /// - Throws: ``NetworkClientError``; `.handshakeFailed` carries the
    ///   server's response when it refused.
    public static func connect(
        to url: String, headers: HTTPHeaders = HTTPHeaders(),
        configuration: WebSocketClientConfiguration = WebSocketClientConfiguration()
    ) throws -> WebSocketClient {
        let url = try ClientURL(url)
        guard url.scheme == .ws || url.scheme == .wss else {
            throw NetworkClientError(.invalidURL, "a WebSocket needs a ws or wss URL, not \(url)")
        }
        let connector = ClientConnector(connectTimeout: configuration.connectTimeout,
                                        tlsVerification: configuration.tlsVerification)
        let stream = try connector.connect(to: url.origin)
        do {
            let (response, leftover) = try WebSocketClientHandshake.perform(
                url: url, headers: headers, on: stream, timeout: configuration.handshakeTimeout)
            return WebSocketClient(url: url, handshakeResponse: response, stream: stream,
                                   leftover: leftover, configuration: configuration)
        } catch {
            stream.close()
            throw error
        }
    }

    // MARK: Sending

    /// Sends a text message.
    /// - Throws: `.webSocketClosed` once closing, or the stream's errors.
    public func send(text: String) throws {
        try send { $0.encodeMessage(.text, text.utf8) }
    }

    /// Sends a binary message.
    public func send(binary: [UInt8]) throws {
        try send { $0.encodeMessage(.binary, binary) }
    }

    /// Sends a ping; its pong arrives as a ``WebSocketEvent/pong(_:)`` event.
    /// - Precondition: `payload` has at most 125 bytes.
    public func ping(_ payload: [UInt8] = []) throws {
        try send { $0.encodePing(payload) }
    }

    private func send(_ encode: (inout WebSocketSession) -> [UInt8]?) throws {
        try writing.withLock { _ in
            guard let bytes = state.withLock({ encode(&$0.session) }) else {
                throw NetworkClientError(.webSocketClosed, "WebSocket \(url) is closing or closed")
            }
            try stream.write(bytes, timeout: configuration.writeTimeout)
        }
    }

    // MARK: Receiving

    /// The next data message, skipping pings and pongs; nil once the
    /// connection has closed (see ``closeStatus``).
    ///
    /// - Parameter timeout: nil waits as long as it takes.
    /// - Throws: `.timedOut` (the connection stays usable).
    public func receive(timeout: Duration? = nil) throws -> WebSocketMessage? {
        let deadline = timeout.map { ContinuousClock.now + $0 }
        while true {
            switch try reading.withLock({ _ in try receiveEventWhileReading(deadline: deadline) }) {
            case .text(let text): return .text(text)
            case .binary(let bytes): return .binary(bytes)
            case .ping, .pong: continue
            case .close: return nil
            }
        }
    }

    /// The next event of any kind. The last is always `.close`; after it,
    /// this throws `.webSocketClosed`.
    ///
    /// - Throws: `.timedOut` when nothing arrived in time (the connection
    ///   stays usable), `.webSocketClosed` after the close event.
    public func receiveEvent(timeout: Duration? = nil) throws -> WebSocketEvent {
        let deadline = timeout.map { ContinuousClock.now + $0 }
        return try reading.withLock { _ in try receiveEventWhileReading(deadline: deadline) }
    }

    /// ``receiveEvent(timeout:)`` for a caller holding `reading`; the clock
    /// is read only when the socket must be.
    private func receiveEventWhileReading(deadline: ContinuousClock.Instant?) throws -> WebSocketEvent {
        while true {
            if let event = try state.withLock({ try takeEvent(&$0) }) { return event }
            let remaining = deadline.map { max(ContinuousClock.now.duration(to: $0), .zero) }
            let count: Int
            do {
                count = try withUnsafeTemporaryAllocation(byteCount: 64 * 1024, alignment: 1) { buffer in
                    let count = try stream.read(into: buffer, timeout: remaining)
                    if count > 0 { process(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) }
                    return count
                }
            } catch let error as NetworkClientError where error.kind != .timedOut {
                endConnection(reason: error.message)
                continue
            }
            if count == 0 { endConnection(reason: "connection closed without a close frame") }
        }
    }

    /// Feeds received bytes to the session and sends what it owes the peer.
    private func process(_ bytes: UnsafeRawBufferPointer) {
        let output = state.withLock { state in
            let output = state.session.receive(bytes)
            state.queue(output.events)
            return (bytes: output.bytes, closeTransport: output.closeTransport)
        }
        // A failed write means the peer is gone; the read that follows
        // reports it. A data frame encoded before our close reply is
        // written before it: its sender holds `writing` until it has.
        if !output.bytes.isEmpty {
            writing.withLock { _ in _ = try? stream.write(output.bytes, timeout: configuration.writeTimeout) }
        }
        if output.closeTransport { stream.close() }
    }

    /// How the connection ended, once it has.
    public var closeStatus: (code: WebSocketCloseCode, reason: String)? {
        state.withLock { $0.closeStatus }
    }

    // MARK: Closing

    /// Runs the close handshake: sends a close frame, waits for the
    /// server's, and drops the connection. Returns how it ended; calling it
    /// again returns the same.
    ///
    /// When no other thread is receiving, messages that arrive meanwhile
    /// are discarded; when one is, it gets them and the close event, and
    /// this waits for that.
    ///
    /// - Parameter timeout: how long to wait for the server's close frame
    ///   (default: the configured close timeout).
    @discardableResult
    public func close(code: WebSocketCloseCode = .normalClosure, reason: String = "",
                      timeout: Duration? = nil) throws -> (code: WebSocketCloseCode, reason: String) {
        try writing.withLock { _ in
            guard let bytes = state.withLock({ $0.session.encodeClose(code, reason: reason) }) else { return }
            try stream.write(bytes, timeout: configuration.writeTimeout)
        }
        let deadline = ContinuousClock.now + (timeout ?? configuration.webSocket.closeTimeout)
        while true {
            if let status = closeStatus {
                stream.close()
                return status
            }
            let readHere: Void? = reading.withLockIfAvailable { _ in
                do {
                    _ = try receiveEventWhileReading(deadline: deadline)
                } catch {
                    // Timed out, or the close event was already taken: the
                    // status check above decides either way.
                    if (error as? NetworkClientError)?.kind == .timedOut {
                        endConnection(reason: "no close frame from the server in time")
                    }
                }
            }
            if readHere == nil { waitForAnotherReceiver(until: deadline) }
        }
    }

    /// Waits until the thread that is receiving sees the end, or until
    /// `deadline`, after which the connection is dropped.
    private func waitForAnotherReceiver(until deadline: ContinuousClock.Instant) {
        let waiter = state.withLock { state -> DispatchSemaphore? in
            guard state.closeStatus == nil else { return nil }
            let semaphore = DispatchSemaphore(value: 0)
            state.closeWaiters.append(semaphore)
            return semaphore
        }
        guard let waiter else { return }
        let remaining = max(ContinuousClock.now.duration(to: deadline), .zero)
        if waiter.wait(timeout: .now() + remaining.secondsAsDouble) == .timedOut {
            endConnection(reason: "no close frame from the server in time")
        }
    }

    // MARK: State

    /// Pops the next event, noting when it is the last.
    private func takeEvent(_ state: inout State) throws -> WebSocketEvent? {
        if state.pendingStart < state.pending.count {
            let event = state.pending[state.pendingStart]
            state.pendingStart += 1
            if state.pendingStart == state.pending.count {
                state.pending.removeAll(keepingCapacity: true)
                state.pendingStart = 0
            }
            if case .close = event { state.finalEventReturned = true }
            return event
        }
        if state.finalEventReturned {
            throw NetworkClientError(.webSocketClosed, "WebSocket \(url) is closed")
        }
        return nil
    }

    /// The transport is gone: queue the final event if none was yet.
    private func endConnection(reason: String) {
        stream.close()
        state.withLock { state in
            if let event = state.session.end(reason: reason) { state.queue([event]) }
        }
    }
}
