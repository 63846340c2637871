import C8Crypto
import Foundation

/// The key exchange of the opening handshake (RFC 6455 §4.1, §4.2.2): the
/// client sends 16 random bytes in base64, the server answers with the
/// SHA-1 of that text plus a fixed GUID. It proves the server understood
/// the WebSocket handshake, not that anyone is who they claim to be.
enum WebSocketAcceptKey {
    static let guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// The `Sec-WebSocket-Accept` value for a `Sec-WebSocket-Key`.
    static func accept(forKey key: String) -> String {
        Data(Digest.sha1(Array((key + guid).utf8))).base64EncodedString()
    }

    /// A fresh `Sec-WebSocket-Key`: 16 random bytes in base64.
    static func makeKey() -> String {
        Data(SecureRandom.bytes(16)).base64EncodedString()
    }

    /// Whether `key` is what a client must send: base64 of exactly 16 bytes.
    static func isValidKey(_ key: String) -> Bool {
        Data(base64Encoded: key)?.count == 16
    }
}
