/// A certificate and its private key, PEM-encoded: what a TLS server
/// presents, or what a certificate authority signs with.
public struct PEMCredentials: Sendable, Equatable {
    public var certificatePEM: String
    public var privateKeyPEM: String

    public init(certificatePEM: String, privateKeyPEM: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }
}
