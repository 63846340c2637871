import Glibc

/// TLS over a connected, blocking socket: the client side of the HTTP and
/// WebSocket clients. It owns the socket from `init` on and closes it in
/// `close()`.
///
/// Reads block until data arrives; a receive timeout set on the socket
/// (`SO_RCVTIMEO`) surfaces as a `TLSError` naming the timeout.
public final class TLSStream {
    public let session: TLSSession
    public let fileDescriptor: Int32
    private var plaintext: [UInt8] = []
    private var peerClosed = false
    private var closed = false

    /// - Parameters:
    ///   - fileDescriptor: a connected TCP socket in blocking mode.
    ///   - context: a client context (`TLSContext.client`).
    ///   - serverName: the host being connected to, for SNI and the
    ///     certificate's host-name check.
    public init(fileDescriptor: Int32, context: TLSContext, serverName: String?) throws(TLSError) {
        self.fileDescriptor = fileDescriptor
        session = try TLSSession(context: context, serverName: serverName)
    }

    deinit { if !closed { Glibc.close(fileDescriptor) } }

    /// Runs the handshake to completion, verifying the server as the
    /// context says.
    ///
    /// - Throws: `TLSError` with `verificationFailure` set when the
    ///   certificate is refused; with the socket error when the connection
    ///   fails.
    public func handshake() throws(TLSError) {
        try session.advanceHandshake()
        try sendCiphertext()
        while !session.isHandshakeComplete {
            guard try receiveCiphertext() else {
                throw TLSError(operation: "TLS handshake", reasons: ["the server closed the connection"])
            }
            if try session.readPlaintext(into: &plaintext) == .closedByPeer { peerClosed = true }
            try sendCiphertext()
        }
    }

    /// Encrypts and sends all of `bytes`.
    public func write(_ bytes: [UInt8]) throws(TLSError) {
        try session.writePlaintext(bytes)
        try sendCiphertext()
    }

    /// Appends at least one byte of plaintext to `buffer`, blocking until
    /// some arrives; returns how many were appended, 0 once the server has
    /// closed the stream.
    public func read(into buffer: inout [UInt8]) throws(TLSError) -> Int {
        while plaintext.isEmpty && !peerClosed {
            guard try receiveCiphertext() else {
                peerClosed = true
                break
            }
            if try session.readPlaintext(into: &plaintext) == .closedByPeer { peerClosed = true }
            try sendCiphertext()
        }
        let count = plaintext.count
        buffer.append(contentsOf: plaintext)
        plaintext.removeAll(keepingCapacity: true)
        return count
    }

    /// Sends close_notify (best effort) and closes the socket.
    public func close() {
        guard !closed else { return }
        closed = true
        session.close()
        try? sendCiphertext()
        Glibc.close(fileDescriptor)
    }

    private func sendCiphertext() throws(TLSError) {
        let ciphertext = session.takeCiphertext()
        var offset = 0
        while offset < ciphertext.count {
            let sent = ciphertext.withUnsafeBytes { bytes in
                Glibc.send(fileDescriptor, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                throw Self.socketError("send")
            }
            offset += sent
        }
    }

    /// Reads one batch of ciphertext into the session; false at end of stream.
    private func receiveCiphertext() throws(TLSError) -> Bool {
        while true {
            let received = withUnsafeTemporaryAllocation(byteCount: 16 * 1024, alignment: 1) { scratch in
                let count = Glibc.recv(fileDescriptor, scratch.baseAddress, scratch.count, 0)
                if count > 0 { session.receiveCiphertext(UnsafeRawBufferPointer(rebasing: scratch.prefix(count))) }
                return count
            }
            if received > 0 { return true }
            if received == 0 { return false }
            if errno == EINTR { continue }
            throw Self.socketError("recv")
        }
    }

    private static func socketError(_ operation: String) -> TLSError {
        let code = errno
        let reason = code == EAGAIN || code == EWOULDBLOCK ? "timed out" : String(cString: strerror(code))
        return TLSError(operation: operation, reasons: [reason])
    }
}
