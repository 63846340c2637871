/// The four bytes a client XORs over every payload it sends (RFC 6455 §5.3).
///
/// Masking exists so that a hostile page cannot make a browser emit bytes
/// that a transparent proxy mistakes for HTTP; the key must therefore be
/// unpredictable: ``random()`` takes it from the system's CSPRNG, and a
/// client session draws its keys from the CSPRNG in blocks
/// (``WebSocketMaskingKeySource``).
public struct WebSocketMaskingKey: Sendable, Hashable {
    /// The key bytes in wire order, first byte in the high bits.
    public let networkOrder: UInt32

    public init(networkOrder: UInt32) { self.networkOrder = networkOrder }

    /// - Precondition: `bytes` holds exactly four bytes.
    public init(_ bytes: [UInt8]) {
        precondition(bytes.count == 4, "a WebSocket masking key is 4 bytes")
        networkOrder = UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3])
    }

    /// A fresh key from `SystemRandomNumberGenerator` (getrandom on Linux).
    public static func random() -> WebSocketMaskingKey {
        WebSocketMaskingKey(networkOrder: UInt32.random(in: .min ... .max))
    }

    /// The key bytes in wire order.
    public var bytes: [UInt8] { (0..<4).map(byte(at:)) }

    /// The key byte that masks payload byte `index`.
    public func byte(at index: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: networkOrder >> (24 - 8 * UInt32(index & 3)))
    }

    /// XORs the key over `buffer`, whose first byte is payload byte `offset`.
    /// Masking and unmasking are the same operation.
    public func apply(to buffer: UnsafeMutableRawBufferPointer, offset: Int = 0) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        // Eight bytes at a time: payloads run to megabytes, and a byte loop
        // would dominate the cost of receiving them.
        var word: UInt64 = 0
        withUnsafeMutableBytes(of: &word) { pattern in
            for i in 0..<8 { pattern[i] = byte(at: offset + i) }
        }
        var i = 0
        while i + 8 <= buffer.count {
            let value = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            base.storeBytes(of: value ^ word, toByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < buffer.count {
            buffer[i] ^= byte(at: offset + i)
            i += 1
        }
    }

    /// XORs the key over `bytes[range]`, whose first byte is payload byte 0.
    public func apply(to bytes: inout [UInt8], range: Range<Int>) {
        bytes.withUnsafeMutableBytes { all in
            apply(to: UnsafeMutableRawBufferPointer(rebasing: all[range]))
        }
    }
}
