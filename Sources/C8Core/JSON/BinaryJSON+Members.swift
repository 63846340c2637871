/// Top-level attribute names to pick out of an encoded object, kept as
/// UTF-8 so a member's key is compared in place, without making a String.
public struct BinaryMemberNames: Sendable, Hashable {
    public let names: [String]
    let utf8: [[UInt8]]

    /// `names` without repeats (the first occurrence wins).
    public init(_ names: some Sequence<String>) {
        var seen = Set<String>()
        self.names = names.filter { seen.insert($0).inserted }
        utf8 = self.names.map { Array($0.utf8) }
    }

    public var isEmpty: Bool { names.isEmpty }

    public func contains(_ name: String) -> Bool { names.contains(name) }

    @inline(__always)
    func matches(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        for name in utf8 where name.count == key.count {
            if name.withUnsafeBufferPointer({ $0.elementsEqual(key) }) { return true }
        }
        return false
    }
}

extension BinaryJSON {
    /// The members of the encoded object `bytes` whose keys are in `names`,
    /// decoded, in stored order; every other member is skipped unread.
    ///
    /// Queries that use a document only through a few of its attributes
    /// (`d.city`, `SUM(d.score)`) read them with this instead of decoding
    /// the whole document into a tree: a member that is not wanted costs a
    /// key comparison and a skip (containers carry their body length).
    /// A name that is not a member is simply absent from the result, so
    /// reading it afterwards gives null, as on the whole document.
    ///
    /// - Throws: ``BinaryJSONError`` when `bytes` is not a well-formed
    ///   encoded object (as far as it is walked).
    public static func decodeMembers(_ names: BinaryMemberNames, ofObject bytes: UnsafeBufferPointer<UInt8>) throws(BinaryJSONError) -> JSONObject {
        var scanner = BinaryJSONScanner(bytes)
        guard try scanner.byte() == Tag.object else { throw scanner.fail("not an object") }
        let count = try scanner.varint()
        let bodyLength = try scanner.uint32()
        guard bodyLength <= bytes.count - scanner.offset else { throw scanner.fail("body length exceeds the remaining bytes") }
        let bodyEnd = scanner.offset + bodyLength
        var object = JSONObject(minimumCapacity: names.names.count)
        var remaining = names.names.count
        var index: UInt64 = 0
        while index < count && remaining > 0 {
            index += 1
            let keyLength = try scanner.length()
            let keyStart = scanner.offset
            try scanner.skip(keyLength)
            let key = UnsafeBufferPointer(rebasing: bytes[keyStart..<keyStart + keyLength])
            let valueStart = scanner.offset
            try scanner.skipValue()
            guard scanner.offset <= bodyEnd else { throw scanner.fail("object body length mismatch") }
            guard names.matches(key) else { continue }
            let value = try decode(buffer: UnsafeBufferPointer(rebasing: bytes[valueStart..<scanner.offset]))
            object.appendUnique(String(decoding: key, as: UTF8.self), value)
            remaining -= 1
        }
        return object
    }
}
