import C8Engine
import C8Storage

/// The streams' part of the region's key space: everything starts with
/// ``KeySpace/streams`` (0x06), then a sub-kind byte.
///
/// | sub  | key after 0x06 sub                      | value                                  |
/// |------|-----------------------------------------|----------------------------------------|
/// | 0x00 | —                                       | UInt64 BE: last stream/subscription id |
/// | 0x01 | tenant 0x00 fabric 0x00 topic           | BinaryJSON stream definition           |
/// | 0x02 | stream id (8 BE) + entry (8 BE)         | message record (``MessageRecord``)     |
/// | 0x03 | stream id (8 BE) + subscription name    | BinaryJSON cursor: id, mark-delete     |
/// | 0x04 | subscription id (8 BE) + entry (8 BE)   | empty: acked individually, above the mark-delete |
/// | 0x05 | tenant 0x00 fabric                      | BinaryJSON fabric settings (TTL)       |
/// | 0x06 | stream id (8 BE)                        | UInt64 BE: last entry trimmed          |
///
/// Big-endian numbers keep a stream's log one ordered range, so reading
/// it in order is one scan and trimming it is one range delete.
enum StreamKeys {
    static let idCounter: UInt8 = 0x00
    static let stream: UInt8 = 0x01
    static let message: UInt8 = 0x02
    static let cursor: UInt8 = 0x03
    static let ack: UInt8 = 0x04
    static let fabricSettings: UInt8 = 0x05
    static let trimmed: UInt8 = 0x06
    static let ackRecord: UInt8 = 0x07

    static var idCounterKey: [UInt8] { [KeySpace.streams, idCounter] }

    static func streamKey(tenant: String, fabric: String, topic: String) -> [UInt8] {
        var key: [UInt8] = [KeySpace.streams, stream]
        key.append(contentsOf: tenant.utf8)
        key.append(0)
        key.append(contentsOf: fabric.utf8)
        key.append(0)
        key.append(contentsOf: topic.utf8)
        return key
    }

    static var allStreams: KeyRange { KeyRange(prefix: [KeySpace.streams, stream]) }

    static func streams(tenant: String, fabric: String) -> KeyRange {
        var prefix: [UInt8] = [KeySpace.streams, stream]
        prefix.append(contentsOf: tenant.utf8)
        prefix.append(0)
        prefix.append(contentsOf: fabric.utf8)
        prefix.append(0)
        return KeyRange(prefix: prefix)
    }

    static func messageKey(stream: UInt64, entry: UInt64) -> [UInt8] {
        var key = prefix(message, stream)
        appendBigEndian(entry, to: &key)
        return key
    }

    static func messages(of stream: UInt64) -> KeyRange { KeyRange(prefix: prefix(message, stream)) }

    /// Entries `from...through` of a stream's log.
    static func messages(of stream: UInt64, from first: UInt64, through last: UInt64) -> KeyRange {
        KeyRange(messageKey(stream: stream, entry: first), last == .max
            ? KeyRange.successor(ofPrefix: prefix(message, stream)) : messageKey(stream: stream, entry: last + 1))
    }

    static func cursorKey(stream: UInt64, subscription: String) -> [UInt8] {
        var key = prefix(cursor, stream)
        key.append(contentsOf: subscription.utf8)
        return key
    }

    static func cursors(of stream: UInt64) -> KeyRange { KeyRange(prefix: prefix(cursor, stream)) }

    static func ackKey(subscription: UInt64, entry: UInt64) -> [UInt8] {
        var key = prefix(ack, subscription)
        appendBigEndian(entry, to: &key)
        return key
    }

    static func acks(of subscription: UInt64) -> KeyRange { KeyRange(prefix: prefix(ack, subscription)) }

    /// One ack batch's individual acks of a subscription (``AckRecordLog``).
    static func ackRecordKey(subscription: UInt64, sequence: UInt64) -> [UInt8] {
        var key = prefix(ackRecord, subscription)
        appendBigEndian(sequence, to: &key)
        return key
    }

    static func ackRecords(of subscription: UInt64) -> KeyRange { KeyRange(prefix: prefix(ackRecord, subscription)) }

    /// Removes everything that records a subscription's individual acks:
    /// its ack records and the ack keys of older data dirs.
    static func deleteAcks(of subscription: UInt64, in batch: inout WriteBatch) {
        batch.deleteRange(acks(of: subscription))
        batch.deleteRange(ackRecords(of: subscription))
    }

    static func fabricSettingsKey(tenant: String, fabric: String) -> [UInt8] {
        var key: [UInt8] = [KeySpace.streams, fabricSettings]
        key.append(contentsOf: tenant.utf8)
        key.append(0)
        key.append(contentsOf: fabric.utf8)
        return key
    }

    static func trimmedKey(stream: UInt64) -> [UInt8] { prefix(trimmed, stream) }

    /// The entry number at the end of a message key.
    static func entry(ofMessageKey key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        readBigEndian(key, at: key.count - 8)
    }

    static func prefix(_ sub: UInt8, _ id: UInt64) -> [UInt8] {
        // Room for an entry number too, made once: a two-byte literal grown
        // by `reserveCapacity` was two allocations per key (one key per
        // message written).
        var key: [UInt8] = []
        key.reserveCapacity(18)
        key.append(KeySpace.streams)
        key.append(sub)
        appendBigEndian(id, to: &key)
        return key
    }

    static func appendBigEndian(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    static func readBigEndian(_ bytes: some RandomAccessCollection<UInt8>, at offset: Int) -> UInt64 {
        var value: UInt64 = 0
        var index = bytes.index(bytes.startIndex, offsetBy: offset)
        for _ in 0..<8 {
            value = value << 8 | UInt64(bytes[index])
            index = bytes.index(after: index)
        }
        return value
    }

    static func encodeNumber(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        appendBigEndian(value, to: &bytes)
        return bytes
    }
}
