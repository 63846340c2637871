#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Top-level attribute names to pick out of an encoded object, kept as
/// UTF-8 so a member's key is compared in place, without making a String.
public struct BinaryMemberNames: Sendable, Hashable {
    public let names: [String]
    /// Every name's UTF-8, one after another, and where each ends: one
    /// buffer, so matching a key retains nothing per name (a full-scan
    /// COLLECT matches every member of a million documents).
    let utf8: [UInt8]
    let ends: [Int]
    /// Bit `n % 64` set when some name is `n` bytes long: most keys are
    /// rejected by their length alone.
    let lengths: UInt64

    /// `names` without repeats (the first occurrence wins).
    public init(_ names: some Sequence<String>) {
        var seen = Set<String>()
        self.names = names.filter { seen.insert($0).inserted }
        var utf8: [UInt8] = []
        var ends: [Int] = []
        var lengths: UInt64 = 0
        for name in self.names {
            utf8.append(contentsOf: name.utf8)
            ends.append(utf8.count)
            lengths |= 1 << UInt64(name.utf8.count % 64)
        }
        self.utf8 = utf8
        self.ends = ends
        self.lengths = lengths
    }

    public var isEmpty: Bool { names.isEmpty }

    public func contains(_ name: String) -> Bool { names.contains(name) }

    /// The position in ``names`` of the name `key` spells, if any.
    @inline(__always)
    func position(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        guard lengths & (1 << UInt64(key.count % 64)) != 0 else { return nil }
        return utf8.withUnsafeBufferPointer { all in
            ends.withUnsafeBufferPointer { ends in
                var start = 0
                for (position, end) in ends.enumerated() {
                    defer { start = end }
                    guard end - start == key.count else { continue }
                    if key.isEmpty || memcmp(all.baseAddress! + start, key.baseAddress!, key.count) == 0 { return position }
                }
                return nil
            }
        }
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
        var object = JSONObject(minimumCapacity: names.names.count)
        try forEachNamedMember(names, ofObject: bytes) { position, value throws(BinaryJSONError) in
            // The name already made is the key's String: no new one per document.
            object.appendUnique(names.names[position], try decode(buffer: value))
        }
        return object
    }

    /// The members of the encoded object `bytes` named in `names`, decoded
    /// into `values` by their position in ``BinaryMemberNames/names``
    /// (`values` gets exactly that many entries; an absent member is null,
    /// as reading it from the whole document gives).
    ///
    /// For loops that read a few attributes of millions of documents (a
    /// full-scan COLLECT): no object is built per document and `values`'
    /// storage is reused from one document to the next.
    ///
    /// - Throws: ``BinaryJSONError`` when `bytes` is not a well-formed
    ///   encoded object (as far as it is walked).
    public static func decodeMembers(
        _ names: BinaryMemberNames, ofObject bytes: UnsafeBufferPointer<UInt8>, into values: inout [JSON]
    ) throws(BinaryJSONError) {
        let wanted = names.names.count
        if values.count != wanted { values = Array(repeating: .null, count: wanted) }
        for i in 0..<wanted { values[i] = .null }
        try forEachNamedMember(names, ofObject: bytes) { position, value throws(BinaryJSONError) in
            values[position] = try decode(buffer: value)
        }
    }

    /// Walks the encoded object `bytes` and hands each member named in
    /// `names` — its position there and its encoded value — to `body`,
    /// stopping once every name was found. The one walk both
    /// `decodeMembers` forms share.
    @inline(__always)
    private static func forEachNamedMember(
        _ names: BinaryMemberNames, ofObject bytes: UnsafeBufferPointer<UInt8>,
        _ body: (_ position: Int, _ value: UnsafeBufferPointer<UInt8>) throws(BinaryJSONError) -> Void
    ) throws(BinaryJSONError) {
        var scanner = BinaryJSONScanner(bytes)
        guard try scanner.byte() == Tag.object else { throw scanner.fail("not an object") }
        let count = try scanner.varint()
        let bodyLength = try scanner.uint32()
        guard bodyLength <= bytes.count - scanner.offset else { throw scanner.fail("body length exceeds the remaining bytes") }
        let bodyEnd = scanner.offset + bodyLength
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
            guard let position = names.position(of: key) else { continue }
            try body(position, UnsafeBufferPointer(rebasing: bytes[valueStart..<scanner.offset]))
            remaining -= 1
        }
    }
}
