import Foundation

/// Where a message sits in its stream's log: the entry number, 1 for the
/// first message ever published, increasing by one per message.
///
/// ``text`` is what clients see: base64 of the protobuf `MessageIdData`
/// that Pulsar's WebSocket API sends (`ledgerId` 0, `entryId` the entry), so
/// the ids look and parse like Pulsar's and clients treat them as opaque.
public struct MessageID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let entry: UInt64

    public init(entry: UInt64) {
        self.entry = entry
    }

    /// Parses ``text``: base64 protobuf with fields 1 (ledger) and 2 (entry);
    /// further fields (partition, batch index) are skipped. Nil when it is
    /// not such a message id.
    public init?(text: String) {
        guard let data = Data(base64Encoded: text) else { return nil }
        var reader = ProtobufFields(Array(data))
        var entry: UInt64?
        while let field = reader.next() {
            switch field {
            case .varint(2, let value): entry = value
            case .varint, .bytes: continue
            }
        }
        guard reader.isValid, let entry else { return nil }
        self.entry = entry
    }

    public var text: String {
        var bytes: [UInt8] = [0x08, 0x00, 0x10]  // ledgerId = 0, then the entryId tag
        var value = entry
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
        return Data(bytes).base64EncodedString()
    }

    public var description: String { text }

    public static func < (lhs: MessageID, rhs: MessageID) -> Bool { lhs.entry < rhs.entry }
}

/// The few protobuf wire forms a message id uses: varints and
/// length-delimited fields (skipped).
struct ProtobufFields {
    enum Field {
        case varint(Int, UInt64)
        case bytes(Int)
    }

    private let bytes: [UInt8]
    private var offset = 0
    private(set) var isValid = true

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func next() -> Field? {
        guard isValid, offset < bytes.count else { return nil }
        guard let tag = varint() else { return invalid() }
        let number = Int(tag >> 3)
        switch tag & 7 {
        case 0:
            guard let value = varint() else { return invalid() }
            return .varint(number, value)
        case 2:
            guard let length = varint(), length <= UInt64(bytes.count - offset) else { return invalid() }
            offset += Int(length)
            return .bytes(number)
        default:
            return invalid()
        }
    }

    private mutating func invalid() -> Field? {
        isValid = false
        return nil
    }

    private mutating func varint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }
}
