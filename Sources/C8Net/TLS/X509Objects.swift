import COpenSSL

/// Owned libcrypto objects (`EVP_PKEY`, `X509`) and their PEM forms, for
/// the certificate generator. Each wrapper frees its object when dropped.
final class PrivateKey {
    let key: OpaquePointer

    init(owning key: OpaquePointer) { self.key = key }
    deinit { EVP_PKEY_free(key) }

    /// A fresh P-256 key: fast to generate, accepted by every TLS 1.2+
    /// client we care about (OpenSSL, Python's ssl, browsers).
    static func generateP256() throws(TLSError) -> PrivateKey {
        ERR_clear_error()
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_EC, nil) else { throw .fromQueue("creating a key generator") }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1,
              EVP_PKEY_CTX_set_ec_paramgen_curve_nid(context, NID_X9_62_prime256v1) == 1,
              EVP_PKEY_keygen(context, &key) == 1, let key else {
            throw .fromQueue("generating a P-256 key")
        }
        return PrivateKey(owning: key)
    }

    static func parse(pem: String) throws(TLSError) -> PrivateKey {
        let key = try PEMCodec.read(pem, what: "private key") { PEM_read_bio_PrivateKey($0, nil, nil, nil) }
        return PrivateKey(owning: key)
    }

    func pem() throws(TLSError) -> String {
        try PEMCodec.write(what: "private key") { PEM_write_bio_PrivateKey($0, key, nil, nil, 0, nil, nil) }
    }
}

final class Certificate {
    let certificate: OpaquePointer

    init(owning certificate: OpaquePointer) { self.certificate = certificate }
    deinit { X509_free(certificate) }

    static func parse(pem: String) throws(TLSError) -> Certificate {
        let certificate = try PEMCodec.read(pem, what: "certificate") { PEM_read_bio_X509($0, nil, nil, nil) }
        return Certificate(owning: certificate)
    }

    func pem() throws(TLSError) -> String {
        try PEMCodec.write(what: "certificate") { PEM_write_bio_X509($0, certificate) }
    }
}

/// PEM text in and out of libcrypto through memory BIOs.
enum PEMCodec {
    static func read(_ pem: String, what: String,
                     _ parse: (OpaquePointer) -> OpaquePointer?) throws(TLSError) -> OpaquePointer {
        ERR_clear_error()
        let bytes = Array(pem.utf8)
        let parsed: OpaquePointer? = bytes.withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            return parse(bio)
        }
        guard let parsed else { throw .fromQueue("reading a PEM \(what)") }
        return parsed
    }

    static func write(what: String, _ body: (OpaquePointer) -> Int32) throws(TLSError) -> String {
        ERR_clear_error()
        guard let bio = BIO_new(BIO_s_mem()) else { throw .fromQueue("creating a memory buffer") }
        defer { BIO_free(bio) }
        guard body(bio) == 1 else { throw .fromQueue("writing a PEM \(what)") }
        let pending = Int(BIO_ctrl_pending(bio))
        var text = [UInt8](repeating: 0, count: pending)
        let read = text.withUnsafeMutableBytes { BIO_read(bio, $0.baseAddress, Int32(pending)) }
        guard read == Int32(pending) else { throw .fromQueue("reading back a PEM \(what)") }
        return String(decoding: text, as: UTF8.self)
    }
}
