import C8Core
import COpenSSL

/// How a client checks the server's certificate.
public enum TLSServerVerification: Sendable, Equatable {
    /// Against the operating system's trust store (Debian's
    /// /etc/ssl/certs), with the host name checked.
    case systemTrustStore
    /// Against the CA certificates in one PEM file (a test CA), with the
    /// host name checked.
    case caFile(String)
    /// Not at all (`--insecure`): encrypted, but anyone can be the server.
    case none
}

/// Shared TLS configuration from which sessions are made: an OpenSSL
/// `SSL_CTX`, either a server's (certificate and key) or a client's (trust
/// roots). Thread-safe once built; one per listener or per client.
///
/// Both sides speak TLS 1.2 and 1.3 only, without compression or
/// renegotiation; TLS 1.2 only with ECDHE key exchange and AEAD ciphers
/// (``tls12Ciphers``), TLS 1.3 with its own suites, all AEAD. A server
/// refuses a private key file that group or others may read.
public final class TLSContext: @unchecked Sendable {
    public enum Role: Sendable { case server, client }

    /// The TLS 1.2 cipher suites: forward secret (ECDHE) and
    /// authenticated encryption (AES-GCM, ChaCha20-Poly1305) — Mozilla's
    /// "intermediate" list without finite-field DHE. No CBC, RC4, 3DES,
    /// static RSA key exchange, export or anonymous suites.
    public static let tls12Ciphers = [
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
    ].joined(separator: ":")

    public let role: Role
    /// How sessions made from a client context check the server.
    public let verification: TLSServerVerification
    let context: OpaquePointer

    private init(role: Role, verification: TLSServerVerification, context: OpaquePointer) {
        self.role = role
        self.verification = verification
        self.context = context
    }

    deinit { SSL_CTX_free(context) }

    /// A server context presenting the certificate chain in
    /// `certificateFile` (PEM, leaf first) with the key in `keyFile`.
    ///
    /// - Throws: `TLSError` when a file cannot be read or the key does not
    ///   match the certificate.
    public static func server(certificateFile: String, keyFile: String) throws(TLSError) -> TLSContext {
        if let exposure = FileExposure(path: keyFile), exposure.isShared {
            throw TLSError(operation: "checking the private key \(keyFile)",
                           reasons: ["group or others may read it (mode \(exposure.octal)); chmod 600 \(keyFile)"])
        }
        let context = try makeContext(method: TLS_server_method(), role: "server")
        let owner = TLSContext(role: .server, verification: .none, context: context)
        _ = SSL_CTX_set_options(context, c8_SSL_OP_server_hardening())
        guard SSL_CTX_use_certificate_chain_file(context, certificateFile) == 1 else {
            throw .fromQueue("loading the certificate chain \(certificateFile)")
        }
        guard SSL_CTX_use_PrivateKey_file(context, keyFile, SSL_FILETYPE_PEM) == 1 else {
            throw .fromQueue("loading the private key \(keyFile)")
        }
        guard SSL_CTX_check_private_key(context) == 1 else {
            throw .fromQueue("matching the key \(keyFile) to the certificate \(certificateFile)")
        }
        return owner
    }

    /// A client context that checks servers as `verification` says.
    ///
    /// - Throws: `TLSError` when the CA file or the system store cannot be
    ///   loaded.
    public static func client(verification: TLSServerVerification = .systemTrustStore) throws(TLSError) -> TLSContext {
        let context = try makeContext(method: TLS_client_method(), role: "client")
        let owner = TLSContext(role: .client, verification: verification, context: context)
        _ = SSL_CTX_set_options(context, c8_SSL_OP_client_hardening())
        switch verification {
        case .systemTrustStore:
            guard SSL_CTX_set_default_verify_paths(context) == 1 else {
                throw .fromQueue("loading the system trust store")
            }
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        case .caFile(let path):
            guard SSL_CTX_load_verify_locations(context, path, nil) == 1 else {
                throw .fromQueue("loading the CA file \(path)")
            }
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        case .none:
            SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        }
        return owner
    }

    private static func makeContext(method: OpaquePointer?, role: String) throws(TLSError) -> OpaquePointer {
        ERR_clear_error()
        guard let context = SSL_CTX_new(method) else { throw .fromQueue("creating a \(role) context") }
        guard c8_SSL_CTX_set_min_proto_version(context, c8_TLS1_2_VERSION()) == 1 else {
            SSL_CTX_free(context)
            throw .fromQueue("requiring TLS 1.2 or later")
        }
        guard SSL_CTX_set_cipher_list(context, tls12Ciphers) == 1 else {
            SSL_CTX_free(context)
            throw .fromQueue("choosing the TLS 1.2 ciphers")
        }
        // Idle connections give their read and write buffers back; a server
        // holding a thousand keep-alive connections notices.
        _ = c8_SSL_CTX_set_mode(context, c8_SSL_MODE_RELEASE_BUFFERS())
        return context
    }
}
