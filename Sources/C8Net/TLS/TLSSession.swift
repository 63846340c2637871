import COpenSSL
import Glibc

/// One TLS connection's state, with no socket of its own: ciphertext goes
/// in and out through memory buffers, so the same session serves a
/// non-blocking event loop (the server) and a blocking socket (the
/// client's `TLSStream`).
///
/// The owner moves bytes: `receiveCiphertext` what the network delivered,
/// `readPlaintext` what it decrypts to, `writePlaintext` what to send, and
/// after any of these `takeCiphertext` what must go to the network
/// (handshake records, encrypted data, alerts). The handshake runs inside
/// those calls; plaintext written before it finishes is held and sent
/// once it has.
///
/// Not thread-safe: one owner at a time.
public final class TLSSession {
    /// What `readPlaintext` found besides the bytes it appended.
    public enum ReadStatus: Sendable, Equatable {
        /// More may come once more ciphertext arrives.
        case open
        /// The peer sent close_notify: no more plaintext will come.
        case closedByPeer
    }

    public let context: TLSContext
    private let ssl: OpaquePointer
    /// Ciphertext from the peer, read by OpenSSL.
    private let incoming: OpaquePointer
    /// Ciphertext for the peer, written by OpenSSL.
    private let outgoing: OpaquePointer
    private var heldPlaintext: [UInt8] = []
    private let peerDescription: String

    /// A session for one connection.
    ///
    /// - Parameters:
    ///   - context: a server or client context; the role follows it.
    ///   - serverName: for a client, the host it connects to: sent as SNI
    ///     (unless an IP address) and, when the context verifies, required
    ///     in the server's certificate.
    /// - Throws: `TLSError` when OpenSSL cannot allocate the session or a
    ///   client context that verifies gets no `serverName`.
    public init(context: TLSContext, serverName: String? = nil) throws(TLSError) {
        ERR_clear_error()
        guard let ssl = SSL_new(context.context) else { throw .fromQueue("creating a session") }
        guard let incoming = BIO_new(BIO_s_mem()), let outgoing = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            throw .fromQueue("creating memory buffers")
        }
        SSL_set_bio(ssl, incoming, outgoing) // the session owns both BIOs from here
        self.context = context
        self.ssl = ssl
        self.incoming = incoming
        self.outgoing = outgoing
        peerDescription = serverName ?? "peer"
        switch context.role {
        case .server:
            SSL_set_accept_state(ssl)
        case .client:
            SSL_set_connect_state(ssl)
            try configureServerName(serverName)
        }
    }

    deinit { SSL_free(ssl) }

    private func configureServerName(_ serverName: String?) throws(TLSError) {
        let verifies = context.verification != .none
        guard let serverName, !serverName.isEmpty else {
            if verifies { throw TLSError(operation: "verifying a server without a host name") }
            return
        }
        let isAddress = Self.isIPAddress(serverName)
        // SNI carries host names only (RFC 6066 §3).
        if !isAddress, c8_SSL_set_tlsext_host_name(ssl, serverName) != 1 {
            throw .fromQueue("setting the server name \(serverName)")
        }
        guard verifies else { return }
        let parameters = SSL_get0_param(ssl)
        let checked = isAddress
            ? X509_VERIFY_PARAM_set1_ip_asc(parameters, serverName)
            : X509_VERIFY_PARAM_set1_host(parameters, serverName, 0)
        if checked != 1 { throw .fromQueue("requiring \(serverName) in the server certificate") }
    }

    private static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    /// Whether the handshake has finished.
    public var isHandshakeComplete: Bool { SSL_is_init_finished(ssl) == 1 }

    /// The negotiated protocol (`TLSv1.3`), once the handshake is done.
    public var protocolVersion: String? {
        guard isHandshakeComplete, let name = SSL_get_version(ssl) else { return nil }
        return String(cString: name)
    }

    /// Whether ciphertext is waiting for `takeCiphertext`.
    public var hasCiphertextToSend: Bool { BIO_ctrl_pending(outgoing) > 0 }

    /// Starts or advances the handshake without application data: a client
    /// calls it once to produce its ClientHello.
    ///
    /// - Throws: `TLSError` when the handshake fails (a certificate the
    ///   context does not accept, no common protocol).
    public func advanceHandshake() throws(TLSError) {
        guard !isHandshakeComplete else { return }
        ERR_clear_error()
        let result = SSL_do_handshake(ssl)
        if result != 1 { try checkWouldBlock(result, operation: "TLS handshake with \(peerDescription)") }
        try flushHeldPlaintext()
    }

    /// Hands ciphertext from the network to the session.
    public func receiveCiphertext(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        // A memory BIO grows as needed; the write only fails on allocation.
        let written = BIO_write(incoming, base, Int32(bytes.count))
        precondition(written == Int32(bytes.count), "OpenSSL memory BIO refused \(bytes.count) bytes")
    }

    /// Decrypts what the received ciphertext holds, appending it to
    /// `plaintext`. Advances the handshake as a side effect, so call it
    /// after every `receiveCiphertext` and then send `takeCiphertext`.
    ///
    /// - Throws: `TLSError` on a failed handshake, a bad record or an
    ///   unexpected end of the stream.
    public func readPlaintext(into plaintext: inout [UInt8]) throws(TLSError) -> ReadStatus {
        while true {
            ERR_clear_error()
            let read = withUnsafeTemporaryAllocation(byteCount: 16 * 1024, alignment: 1) { scratch in
                let read = SSL_read(ssl, scratch.baseAddress, Int32(scratch.count))
                if read > 0 { plaintext.append(contentsOf: scratch.prefix(Int(read))) }
                return read
            }
            if read > 0 { continue }
            let error = SSL_get_error(ssl, read)
            switch error {
            case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
                try flushHeldPlaintext()
                return .open
            case SSL_ERROR_ZERO_RETURN:
                return .closedByPeer
            default:
                throw failure(error, operation: "reading from \(peerDescription)")
            }
        }
    }

    /// Encrypts `bytes` for the peer; before the handshake finishes they are
    /// held and encrypted once it has.
    ///
    /// - Throws: `TLSError` when the session has failed.
    public func writePlaintext(_ bytes: UnsafeRawBufferPointer) throws(TLSError) {
        guard !bytes.isEmpty else { return }
        guard isHandshakeComplete, heldPlaintext.isEmpty else {
            heldPlaintext.append(contentsOf: bytes)
            return
        }
        try encrypt(bytes)
    }

    public func writePlaintext(_ bytes: [UInt8]) throws(TLSError) {
        guard !bytes.isEmpty else { return }
        guard isHandshakeComplete, heldPlaintext.isEmpty else {
            heldPlaintext.append(contentsOf: bytes)
            return
        }
        let written = bytes.withUnsafeBytes { encryptWithoutChecking($0) }
        try check(written: written)
    }

    /// Moves the ciphertext waiting for the network onto `output`.
    public func takeCiphertext(into output: inout [UInt8]) {
        let pending = Int(BIO_ctrl_pending(outgoing))
        guard pending > 0 else { return }
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: pending))
        let read = output.withUnsafeMutableBytes { buffer in
            BIO_read(outgoing, buffer.baseAddress! + start, Int32(pending))
        }
        output.removeLast(pending - Int(max(read, 0)))
    }

    /// The waiting ciphertext as a new array.
    public func takeCiphertext() -> [UInt8] {
        var output: [UInt8] = []
        takeCiphertext(into: &output)
        return output
    }

    /// Queues close_notify for the peer (send `takeCiphertext` after).
    public func close() {
        ERR_clear_error()
        if isHandshakeComplete { _ = SSL_shutdown(ssl) }
        ERR_clear_error()
    }

    private func flushHeldPlaintext() throws(TLSError) {
        guard isHandshakeComplete, !heldPlaintext.isEmpty else { return }
        let held = heldPlaintext
        heldPlaintext = []
        let written = held.withUnsafeBytes { encryptWithoutChecking($0) }
        try check(written: written)
    }

    private func encrypt(_ bytes: UnsafeRawBufferPointer) throws(TLSError) {
        try check(written: encryptWithoutChecking(bytes))
    }

    /// Without SSL_MODE_ENABLE_PARTIAL_WRITE a write into a memory BIO
    /// either takes everything or fails, so one call suffices.
    private func encryptWithoutChecking(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        ERR_clear_error()
        return SSL_write(ssl, bytes.baseAddress, Int32(bytes.count))
    }

    private func check(written: Int32) throws(TLSError) {
        if written <= 0 {
            throw failure(SSL_get_error(ssl, written), operation: "writing to \(peerDescription)")
        }
    }

    private func checkWouldBlock(_ result: Int32, operation: String) throws(TLSError) {
        let error = SSL_get_error(ssl, result)
        if error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE { return }
        throw failure(error, operation: operation)
    }

    private func failure(_ error: Int32, operation: String) -> TLSError {
        let verify = SSL_get_verify_result(ssl)
        let verificationFailure = verify == Int(X509_V_OK) ? nil : String(cString: X509_verify_cert_error_string(verify))
        if error == SSL_ERROR_SYSCALL, ERR_peek_error() == 0 {
            return TLSError(operation: operation, reasons: ["the peer ended the stream without close_notify"],
                            verificationFailure: verificationFailure)
        }
        return .fromQueue(operation, verificationFailure: verificationFailure)
    }
}
