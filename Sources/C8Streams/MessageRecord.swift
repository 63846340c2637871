import C8Core

/// The stored form of one message (the value under its log key).
///
/// A fixed header first — version, publish time, event time, sequence id —
/// so TTL expiry reads a publish time without decoding the rest; then
/// length-prefixed producer name, key and properties, then the payload to
/// the end. The entry number is the key's, not repeated here.
enum MessageRecord {
    static let version: UInt8 = 1
    static let publishTimeOffset = 1

    static func encode(_ message: StreamMessage) -> [UInt8] {
        var bytes: [UInt8] = []
        // The exact size: a guess that fell short (it left out the key and
        // the lengths) reallocated every record once.
        bytes.reserveCapacity(encodedSize(message))
        bytes.append(version)
        StreamKeys.appendBigEndian(message.publishTime, to: &bytes)
        StreamKeys.appendBigEndian(message.eventTime, to: &bytes)
        StreamKeys.appendBigEndian(message.sequenceId, to: &bytes)
        appendString(message.producerName, to: &bytes)
        if let key = message.key {
            bytes.append(1)
            appendString(key, to: &bytes)
        } else {
            bytes.append(0)
        }
        appendLength(message.properties.count, to: &bytes)
        if !message.properties.isEmpty {
            for (name, value) in message.properties.sorted(by: { $0.key < $1.key }) {
                appendString(name, to: &bytes)
                appendString(value, to: &bytes)
            }
        }
        bytes.append(contentsOf: message.payload)
        return bytes
    }

    private static func encodedSize(_ message: StreamMessage) -> Int {
        var size = 1 + 3 * 8 + 4 + message.producerName.utf8.count + 1 + 4 + message.payload.count
        if let key = message.key { size += 4 + key.utf8.count }
        for (name, value) in message.properties { size += 8 + name.utf8.count + value.utf8.count }
        return size
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, entry: UInt64) throws(C8Error) -> StreamMessage {
        var reader = Reader(bytes: bytes)
        guard try reader.byte() == version else { throw corrupt(entry) }
        let publishTime = try reader.number()
        let eventTime = try reader.number()
        let sequenceId = try reader.number()
        let producerName = try reader.string()
        let key: String? = try reader.byte() == 1 ? try reader.string() : nil
        var properties: [String: String] = [:]
        let count = try reader.length()
        properties.reserveCapacity(count)
        for _ in 0..<count {
            let name = try reader.string()
            properties[name] = try reader.string()
        }
        let payload = Array(bytes[reader.offset...])
        return StreamMessage(id: MessageID(entry: entry), payload: payload, key: key, properties: properties,
                             producerName: producerName, sequenceId: sequenceId, publishTime: publishTime,
                             eventTime: eventTime)
    }

    static func decode(_ bytes: [UInt8], entry: UInt64) throws(C8Error) -> StreamMessage {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(C8Error) -> StreamMessage in try decode(buffer, entry: entry) }
        }
        return try result.get()
    }

    /// The publish time alone, or nil for a record too short to hold one.
    static func publishTime(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard bytes.count >= publishTimeOffset + 8 else { return nil }
        return StreamKeys.readBigEndian(bytes, at: publishTimeOffset)
    }

    private static func appendLength(_ length: Int, to bytes: inout [UInt8]) {
        let value = UInt32(length)
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    private static func appendString(_ string: String, to bytes: inout [UInt8]) {
        appendLength(string.utf8.count, to: &bytes)
        bytes.append(contentsOf: string.utf8)
    }

    private static func corrupt(_ entry: UInt64) -> C8Error {
        C8Error(.internalError, "stream message \(entry) is corrupt in storage")
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0

        mutating func byte() throws(C8Error) -> UInt8 {
            guard offset < bytes.count else { throw C8Error(.internalError, "truncated stream message") }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func number() throws(C8Error) -> UInt64 {
            guard offset + 8 <= bytes.count else { throw C8Error(.internalError, "truncated stream message") }
            defer { offset += 8 }
            return StreamKeys.readBigEndian(bytes, at: offset)
        }

        mutating func length() throws(C8Error) -> Int {
            guard offset + 4 <= bytes.count else { throw C8Error(.internalError, "truncated stream message") }
            var value = 0
            for i in 0..<4 { value = value << 8 | Int(bytes[offset + i]) }
            offset += 4
            return value
        }

        mutating func string() throws(C8Error) -> String {
            let count = try length()
            guard offset + count <= bytes.count else { throw C8Error(.internalError, "truncated stream message") }
            defer { offset += count }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<(offset + count)]), as: UTF8.self)
        }
    }
}
