import Foundation
import Glibc

/// Where `DevelopmentCertificates.write` put its PEM files.
public struct DevelopmentCertificateFiles: Sendable, Equatable {
    /// The CA certificate clients trust (`REQUESTS_CA_BUNDLE`,
    /// `TLSServerVerification.caFile`).
    public var caCertificateFile: String
    /// The CA's key, kept so later runs can issue for more names.
    public var caKeyFile: String
    /// The server certificate (`--tls-cert`).
    public var certificateFile: String
    /// The server key (`--tls-key`), readable by the owner only.
    public var keyFile: String
}

/// A CA and a server certificate written to a directory: what tests and
/// `c8 serve` in development mode use instead of a real certificate.
public enum DevelopmentCertificates {
    /// Generates a new CA, issues a server certificate for `dnsNames` and
    /// `ipAddresses`, and writes `ca.pem`, `ca-key.pem`, `server.pem` and
    /// `server-key.pem` into `directory` (created if missing).
    ///
    /// - Throws: `TLSError` when generation fails or a file cannot be
    ///   written (the reason names the file).
    public static func write(to directory: String,
                             dnsNames: [String] = ["localhost", "*.localhost"],
                             ipAddresses: [String] = ["127.0.0.1", "::1"]) throws(TLSError) -> DevelopmentCertificateFiles {
        let authority = try CertificateAuthority.generate()
        let server = try authority.issueServerCertificate(dnsNames: dnsNames, ipAddresses: ipAddresses)
        let base = URL(fileURLWithPath: directory, isDirectory: true)
        let files = DevelopmentCertificateFiles(
            caCertificateFile: base.appendingPathComponent("ca.pem").path,
            caKeyFile: base.appendingPathComponent("ca-key.pem").path,
            certificateFile: base.appendingPathComponent("server.pem").path,
            keyFile: base.appendingPathComponent("server-key.pem").path)
        do {
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
            try save(authority.credentials.certificatePEM, to: files.caCertificateFile, secret: false)
            try save(authority.credentials.privateKeyPEM, to: files.caKeyFile, secret: true)
            try save(server.certificatePEM, to: files.certificateFile, secret: false)
            try save(server.privateKeyPEM, to: files.keyFile, secret: true)
        } catch let error as TLSError {
            throw error
        } catch {
            throw TLSError(operation: "creating the directory \(directory)", reasons: ["\(error)"])
        }
        return files
    }

    /// Writes `text` to `path`. Keys are created with mode 0600, so they
    /// are never readable by others, not even between create and chmod.
    private static func save(_ text: String, to path: String, secret: Bool) throws(TLSError) {
        Glibc.unlink(path) // a fresh inode gets the mode below even if an old file was laxer
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, secret ? 0o600 : 0o644)
        guard descriptor >= 0 else {
            throw TLSError(operation: "creating \(path)", reasons: [String(cString: strerror(errno))])
        }
        defer { Glibc.close(descriptor) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw TLSError(operation: "writing \(path)", reasons: [String(cString: strerror(errno))])
            }
            offset += written
        }
    }
}
