import Synchronization

/// TLS over a ``TCPClientSocket``: a ``TLSSession`` (OpenSSL over memory
/// buffers) whose ciphertext travels through the socket's timed reads and
/// writes, so `https` and `wss` get the same timeouts and the same
/// wake-up-on-close as plain connections.
///
/// One thread may read while another writes. The session is not
/// thread-safe, so every use of it is under `session`'s lock, never held
/// across a socket wait; and ciphertext is taken from the session and
/// written under `writeOrder`, because TLS records must reach the network
/// in the order they were sealed.
final class TLSClientStream: BlockingByteStream {
    private let socket: TCPClientSocket
    private let session: Mutex<TLSSession>
    /// Held from taking ciphertext out of the session until it is written.
    private let writeOrder = Mutex<Void>(())
    /// Decrypted bytes not yet read, and whether the server ended the stream.
    private let received = Mutex<(plaintext: [UInt8], ended: Bool)>(([], false))
    private let serverName: String

    /// Runs the TLS handshake over `socket`, verifying the server as
    /// `context` says for `serverName`.
    ///
    /// - Throws: ``NetworkClientError`` `.tlsFailed` (a refused certificate,
    ///   no common protocol) or the socket's errors (`.timedOut`, …).
    init(socket: TCPClientSocket, context: TLSContext, serverName: String, timeout: Duration?) throws {
        self.socket = socket
        self.serverName = serverName
        do {
            session = Mutex(try TLSSession(context: context, serverName: serverName))
        } catch {
            throw Self.failure(error, "TLS setup for \(serverName)")
        }
        let deadline = timeout.map { ContinuousClock.now + $0 }
        try withSession { try $0.advanceHandshake() }
        try sendPendingCiphertext(timeout: timeout)
        while !(session.withLock { $0.isHandshakeComplete }) {
            guard try receiveRecords(timeout: deadline.map { max(ContinuousClock.now.duration(to: $0), .zero) }) else {
                throw NetworkClientError(.tlsFailed, "TLS handshake with \(serverName): the server closed the connection")
            }
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, timeout: Duration?) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        let deadline = timeout.map { ContinuousClock.now + $0 }
        while true {
            let taken = received.withLock { state -> Int? in
                if state.plaintext.isEmpty { return state.ended ? 0 : nil }
                let count = min(buffer.count, state.plaintext.count)
                buffer.copyBytes(from: state.plaintext[0..<count])
                state.plaintext.removeFirst(count)
                return count
            }
            if let taken { return taken }
            if try !receiveRecords(timeout: deadline.map { max(ContinuousClock.now.duration(to: $0), .zero) }) {
                received.withLock { $0.ended = true }
            }
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer, timeout: Duration?) throws {
        try writeOrder.withLock { _ in
            let ciphertext = try withSession { session -> [UInt8] in
                try session.writePlaintext(bytes)
                return session.takeCiphertext()
            }
            try ciphertext.withUnsafeBytes { try socket.write($0, timeout: timeout) }
        }
    }

    /// Whether decrypted data or the end of the stream is waiting. Records
    /// that carry no data (TLS 1.3 session tickets arriving late) are
    /// consumed here rather than mistaken for a server that closed.
    func hasInputWhileIdle() -> Bool {
        if received.withLock({ !$0.plaintext.isEmpty || $0.ended }) { return true }
        while socket.hasInputWhileIdle() {
            guard (try? receiveRecords(timeout: .zero)) == true else { return true }
            if received.withLock({ !$0.plaintext.isEmpty || $0.ended }) { return true }
        }
        return false
    }

    /// Sends close_notify when no write is in progress, then shuts the
    /// socket down.
    func close() {
        _ = writeOrder.withLockIfAvailable { _ in
            let alert = session.withLockIfAvailable { session -> [UInt8] in
                session.close()
                return session.takeCiphertext()
            }
            if let alert, !alert.isEmpty {
                try? alert.withUnsafeBytes { try socket.write($0, timeout: .milliseconds(100)) }
            }
        }
        socket.close()
    }

    /// Reads one batch of ciphertext and decrypts it; false when the
    /// server ended the stream (close_notify or the end of the connection).
    private func receiveRecords(timeout: Duration?) throws -> Bool {
        let decrypted = try withUnsafeTemporaryAllocation(byteCount: 16 * 1024, alignment: 1) { scratch in
            let count = try socket.read(into: scratch, timeout: timeout)
            guard count > 0 else { return nil as ([UInt8], TLSSession.ReadStatus)? }
            let ciphertext = UnsafeRawBufferPointer(rebasing: scratch[0..<count])
            return try withSession { session -> ([UInt8], TLSSession.ReadStatus) in
                session.receiveCiphertext(ciphertext)
                var plaintext: [UInt8] = []
                let status = try session.readPlaintext(into: &plaintext)
                return (plaintext, status)
            }
        }
        guard let (plaintext, status) = decrypted else { return false }
        received.withLock { $0.plaintext.append(contentsOf: plaintext) }
        // Reading can owe the server records too: handshake messages, or
        // the answer to a key update.
        try sendPendingCiphertext(timeout: timeout)
        return status == .open
    }

    private func sendPendingCiphertext(timeout: Duration?) throws {
        try writeOrder.withLock { _ in
            let ciphertext = session.withLock { $0.takeCiphertext() }
            guard !ciphertext.isEmpty else { return }
            try ciphertext.withUnsafeBytes { try socket.write($0, timeout: timeout) }
        }
    }

    /// Runs `body` on the session under its lock, turning `TLSError`s into
    /// client errors.
    private func withSession<Result: Sendable>(_ body: (TLSSession) throws -> Result) throws -> Result {
        do {
            return try session.withLock { try body($0) }
        } catch let error as TLSError {
            throw Self.failure(error, "TLS with \(serverName)")
        }
    }

    private static func failure(_ error: TLSError, _ context: String) -> NetworkClientError {
        NetworkClientError(.tlsFailed, "\(context): \(error)")
    }
}
