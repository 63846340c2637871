import C8Crypto

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
        self.init(utf8: text.utf8)
    }

    /// ``init(text:)`` from the text's bytes (frame readers have them
    /// without a `String`).
    public init?(utf8 text: some Collection<UInt8>) {
        guard let bytes = Base64.decode(text) else { return nil }
        self.init(decoded: bytes)
    }

    /// ``init(utf8:)`` for bytes in memory, as every ack frame's id is read:
    /// the generic form, called from another module unspecialised, reached
    /// the bytes through protocol witnesses (~300 instructions more an ack).
    public init?(utf8 text: UnsafeBufferPointer<UInt8>) {
        guard let bytes = Base64.decode(contiguous: text) else { return nil }
        self.init(decoded: bytes)
    }

    private init?(decoded bytes: [UInt8]) {
        var reader = ProtobufFields(bytes)
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
        var text: [UInt8] = []
        appendText(to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends ``text`` to `output`: every receipt and delivery frame
    /// carries one, written straight into the frame (Foundation's base64
    /// cost two allocations and a copy per id).
    public func appendText(to output: inout [UInt8]) {
        // ledgerId = 0, then the entryId tag and the entry as a varint: 13 bytes at most.
        var bytes: (UInt64, UInt64) = (0, 0)
        let count = withUnsafeMutableBytes(of: &bytes) { raw -> Int in
            raw[0] = 0x08
            raw[1] = 0x00
            raw[2] = 0x10
            var count = 3
            var value = entry
            while value >= 0x80 {
                raw[count] = UInt8(value & 0x7F) | 0x80
                count += 1
                value >>= 7
            }
            raw[count] = UInt8(value)
            return count + 1
        }
        withUnsafeBytes(of: &bytes) { raw in
            Base64.encode(contiguous: UnsafeBufferPointer(rebasing: raw.assumingMemoryBound(to: UInt8.self)[0..<count]), into: &output)
        }
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
