import COpenSSL

/// A small certificate authority for tests and development: a P-256 root
/// that issues server certificates for given host names and addresses.
///
/// Clients that verify strictly (Python's `ssl` sets X509_V_FLAG_X509_STRICT
/// since 3.13) reject a bare self-signed leaf used as its own trust anchor,
/// so the generator makes the usual two-level shape: a CA with
/// `basicConstraints=CA:TRUE` and `keyCertSign`, and leaves with SANs,
/// `serverAuth` and key identifiers. Clients trust `credentials.certificatePEM`.
public final class CertificateAuthority: @unchecked Sendable {
    /// The CA's certificate (what clients trust) and key.
    public let credentials: PEMCredentials
    private let key: PrivateKey
    private let certificate: Certificate

    private init(key: PrivateKey, certificate: Certificate, credentials: PEMCredentials) {
        self.key = key
        self.certificate = certificate
        self.credentials = credentials
    }

    /// A new CA with a fresh key.
    ///
    /// - Throws: `TLSError` when libcrypto cannot generate or sign.
    public static func generate(commonName: String = "c8 development CA",
                                validDays: Int = 825) throws(TLSError) -> CertificateAuthority {
        let key = try PrivateKey.generateP256()
        let certificate = try CertificateBuilder(commonName: commonName, subjectKey: key, validDays: validDays)
            .extensions([
                (NID_basic_constraints, "critical,CA:TRUE"),
                (NID_key_usage, "critical,keyCertSign,cRLSign"),
                (NID_subject_key_identifier, "hash"),
            ])
            .sign(issuer: nil, issuerKey: key)
        let credentials = PEMCredentials(certificatePEM: try certificate.pem(), privateKeyPEM: try key.pem())
        return CertificateAuthority(key: key, certificate: certificate, credentials: credentials)
    }

    /// A CA loaded from earlier credentials (a development CA kept on disk,
    /// so clients configured to trust it keep working).
    ///
    /// - Throws: `TLSError` when the PEM texts do not parse.
    public convenience init(credentials: PEMCredentials) throws(TLSError) {
        let key = try PrivateKey.parse(pem: credentials.privateKeyPEM)
        let certificate = try Certificate.parse(pem: credentials.certificatePEM)
        guard X509_check_private_key(certificate.certificate, key.key) == 1 else {
            throw .fromQueue("matching the CA key to its certificate")
        }
        self.init(key: key, certificate: certificate, credentials: credentials)
    }

    /// A server certificate signed by this CA, valid for `dnsNames` and
    /// `ipAddresses` (its subject alternative names; clients ignore the
    /// common name).
    ///
    /// - Parameters:
    ///   - dnsNames: host names, wildcards allowed (`*.localhost`).
    ///   - ipAddresses: literal IPv4 or IPv6 addresses.
    /// - Throws: `TLSError` when a name is not acceptable to libcrypto or
    ///   signing fails.
    public func issueServerCertificate(dnsNames: [String], ipAddresses: [String] = [],
                                       validDays: Int = 825) throws(TLSError) -> PEMCredentials {
        let names = dnsNames.map { "DNS:\($0)" } + ipAddresses.map { "IP:\($0)" }
        guard !names.isEmpty else {
            throw TLSError(operation: "issuing a server certificate without any name")
        }
        let key = try PrivateKey.generateP256()
        let leaf = try CertificateBuilder(commonName: dnsNames.first ?? ipAddresses[0], subjectKey: key,
                                          validDays: validDays)
            .extensions([
                (NID_basic_constraints, "critical,CA:FALSE"),
                (NID_key_usage, "critical,digitalSignature,keyEncipherment"),
                (NID_ext_key_usage, "serverAuth,clientAuth"),
                (NID_subject_alt_name, names.joined(separator: ",")),
                (NID_subject_key_identifier, "hash"),
                (NID_authority_key_identifier, "keyid:always"),
            ])
            .sign(issuer: certificate, issuerKey: self.key)
        return PEMCredentials(certificatePEM: try leaf.pem(), privateKeyPEM: try key.pem())
    }
}

/// Builds and signs one X.509 v3 certificate.
private struct CertificateBuilder {
    let commonName: String
    let subjectKey: PrivateKey
    let validDays: Int
    var extensionValues: [(nid: Int32, value: String)] = []

    init(commonName: String, subjectKey: PrivateKey, validDays: Int) {
        self.commonName = commonName
        self.subjectKey = subjectKey
        self.validDays = validDays
    }

    func extensions(_ values: [(Int32, String)]) -> CertificateBuilder {
        var copy = self
        copy.extensionValues = values.map { (nid: $0.0, value: $0.1) }
        return copy
    }

    /// Signs with `issuerKey`; a nil `issuer` makes the certificate
    /// self-signed.
    func sign(issuer: Certificate?, issuerKey: PrivateKey) throws(TLSError) -> Certificate {
        ERR_clear_error()
        guard let raw = X509_new() else { throw .fromQueue("creating a certificate") }
        let certificate = Certificate(owning: raw)
        var serial: UInt64 = 0
        guard withUnsafeMutableBytes(of: &serial, {
            RAND_bytes($0.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32($0.count))
        }) == 1 else {
            throw .fromQueue("drawing a serial number")
        }
        let subject = X509_get_subject_name(raw)
        let name = Array(commonName.utf8)
        guard X509_set_version(raw, 2) == 1,
              ASN1_INTEGER_set(X509_get_serialNumber(raw), Int(serial >> 2)) == 1,
              // An hour of slack for clocks that run behind.
              X509_gmtime_adj(X509_getm_notBefore(raw), -3600) != nil,
              X509_gmtime_adj(X509_getm_notAfter(raw), validDays * 86_400) != nil,
              X509_set_pubkey(raw, subjectKey.key) == 1,
              X509_NAME_add_entry_by_txt(subject, "CN", c8_MBSTRING_ASC(), name, Int32(name.count), -1, 0) == 1,
              X509_set_issuer_name(raw, issuer.map { X509_get_subject_name($0.certificate) } ?? subject) == 1 else {
            throw .fromQueue("filling in the certificate for \(commonName)")
        }
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer?.certificate ?? raw, raw, nil, nil, 0)
        for (nid, value) in extensionValues {
            guard let ext = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
                throw .fromQueue("building the extension \(value)")
            }
            defer { X509_EXTENSION_free(ext) }
            guard X509_add_ext(raw, ext, -1) == 1 else { throw .fromQueue("adding the extension \(value)") }
        }
        guard X509_sign(raw, issuerKey.key, EVP_sha256()) > 0 else {
            throw .fromQueue("signing the certificate for \(commonName)")
        }
        return certificate
    }
}
