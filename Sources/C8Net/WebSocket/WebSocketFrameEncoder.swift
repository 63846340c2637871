/// Writes frames in the wire format of RFC 6455 §5.2.
public enum WebSocketFrameEncoder {
    /// The largest header: 2 bytes, an 8-byte length and a 4-byte key.
    static let maxHeaderSize = 14

    /// The bytes of `frame`, its payload masked with `maskingKey` when one is
    /// given (clients must; servers must not).
    public static func encode(_ frame: WebSocketFrame, maskingKey: WebSocketMaskingKey?) -> [UInt8] {
        var output: [UInt8] = []
        encode(opcode: frame.opcode, fin: frame.fin, payload: frame.payload, maskingKey: maskingKey, into: &output)
        return output
    }

    /// Appends one frame to `output`. Taking the payload as any collection
    /// lets a text message go from `String.utf8` to the wire in one copy.
    ///
    /// - Precondition: control frames are final and carry ≤ 125 bytes.
    public static func encode(
        opcode: WebSocketOpcode, fin: Bool, payload: some Collection<UInt8>,
        maskingKey: WebSocketMaskingKey?, into output: inout [UInt8]
    ) {
        let length = payload.count
        precondition(!opcode.isControl || (fin && length <= 125),
                     "WebSocket control frames are final and carry at most 125 bytes")
        output.reserveCapacity(output.count + maxHeaderSize + length)
        output.append((fin ? 0x80 : 0) | opcode.rawValue)
        let maskBit: UInt8 = maskingKey == nil ? 0 : 0x80
        switch length {
        case 0...125:
            output.append(maskBit | UInt8(length))
        case 126...0xFFFF:
            output.append(maskBit | 126)
            output.append(UInt8(length >> 8))
            output.append(UInt8(length & 0xFF))
        default:
            output.append(maskBit | 127)
            for shift in stride(from: 56, through: 0, by: -8) {
                output.append(UInt8(truncatingIfNeeded: UInt64(length) >> UInt64(shift)))
            }
        }
        let payloadStart: Int
        if let maskingKey {
            for index in 0..<4 { output.append(maskingKey.byte(at: index)) }
            payloadStart = output.count
            output.append(contentsOf: payload)
            maskingKey.apply(to: &output, range: payloadStart..<output.count)
        } else {
            output.append(contentsOf: payload)
        }
    }
}
