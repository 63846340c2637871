import Synchronization

/// The members of a JSON object, in insertion order.
///
/// Lookups scan the members: documents rarely have more than a few dozen
/// attributes, and a linear scan over one contiguous array beats hashing
/// there. Keys match byte for byte (no Unicode normalization), as in
/// ArangoDB. Setting an existing key keeps its position.
///
/// An object read from storage may stay in its binary form
/// (``init(binaryObject:)``) until something needs its members: a query
/// that returns the documents it reads then never builds their trees —
/// a string per value and an array per container, and freeing them
/// again — and serializing one writes its bytes straight to text.
/// Looking up one member reads just that member from the bytes.
public struct JSONObject: Sendable {
    /// One key and its value.
    public struct Member: Sendable {
        public var key: String
        public var value: JSON

        @inlinable
        public init(_ key: String, _ value: JSON) {
            self.key = key
            self.value = value
        }
    }

    /// The members once decoded (empty while ``binary`` holds them).
    private var decoded: [Member]
    /// The object's binary form while it has not been changed.
    private var binary: BinaryObject?

    public private(set) var members: [Member] {
        get { binary?.members ?? decoded }
        _modify {
            if let binary {
                decoded = binary.members
                self.binary = nil
            }
            yield &decoded
        }
    }

    public init() {
        decoded = []
    }

    public init(minimumCapacity: Int) {
        decoded = []
        decoded.reserveCapacity(minimumCapacity)
    }

    /// Builds an object from members whose keys are known to be unique.
    public init(uniqueMembers members: [Member]) {
        decoded = members
    }

    /// An object kept in its binary form (``BinaryJSON``), decoded when its
    /// members are first needed. The bytes are checked here, as decoding
    /// checks them, so that the later decode cannot fail.
    /// - Throws: ``BinaryJSONError`` when `bytes` is not one well-formed
    ///   encoded object.
    public init(binaryObject bytes: [UInt8]) throws(BinaryJSONError) {
        let keysAreValidUTF8 = try bytes.withUnsafeBufferPointer { buffer throws(BinaryJSONError) -> Bool in
            guard BinaryJSON.isObject(buffer) else { throw BinaryJSONError(message: "not an object", offset: 0) }
            var reader = BinaryJSONReader(buffer)
            try reader.checkValue(depth: 0)
            guard reader.isAtEnd else { throw BinaryJSONError(message: "trailing bytes after the value", offset: reader.offset) }
            return reader.topLevelKeysAreValidUTF8
        }
        // Decoding repairs an ill-formed key (U+FFFD), and a lookup by the
        // repaired key would not match the stored bytes: such an object (a
        // corrupt one — c8 writes only valid UTF-8) is decoded at once. The
        // check walk looked at the keys.
        guard keysAreValidUTF8 else {
            decoded = BinaryObject.decodeMembers(bytes[...])
            return
        }
        decoded = []
        binary = BinaryObject(bytes[...])
    }

    /// An object kept in its binary form without the check of
    /// ``init(binaryObject:)``: for bytes c8 encoded itself and reads back —
    /// documents from storage, whose blocks RocksDB checksums on every read,
    /// and from the engine's caches. Every write path encodes from a tree
    /// or checks encoded input, so checking again on each read (~7 % of an
    /// indexed read of 200 documents) finds nothing. Were such bytes corrupt
    /// after all, reading them fails softly (a member reads as missing,
    /// text falls back to the members) and never traps.
    ///
    /// A slice shares its array: a cache entry's bytes are handed out
    /// without a copy.
    /// - Throws: ``BinaryJSONError`` when `bytes` does not start an object.
    public init(trustedBinaryObject bytes: ArraySlice<UInt8>) throws(BinaryJSONError) {
        guard bytes.withUnsafeBufferPointer({ BinaryJSON.isObject($0) }) else {
            throw BinaryJSONError(message: "not an object", offset: 0)
        }
        decoded = []
        binary = BinaryObject(bytes)
    }

    /// The binary form, while the object is still held in it.
    public var binaryBytes: ArraySlice<UInt8>? { binary?.bytes }

    /// Builds an object from members where a key may repeat: the last value
    /// wins, at the position of the key's first occurrence.
    public init(members: [Member]) {
        self.init(minimumCapacity: members.count)
        for member in members { self[member.key] = member.value }
    }

    public var count: Int { binary?.count ?? decoded.count }
    public var isEmpty: Bool { count == 0 }
    public var keys: [String] { members.map(\.key) }
    public var values: [JSON] { members.map(\.value) }

    public func index(forKey key: String) -> Int? {
        let members = members
        // The wanted key's length is taken once, not once per member (a
        // FILTER on `d.score` looks past most of a document's members).
        let count = key.utf8.count
        for i in members.indices where members[i].key.utf8.count == count {
            if members[i].key.utf8Compare(key) == 0 { return i }
        }
        return nil
    }

    public subscript(key: String) -> JSON? {
        get {
            if let binary { return binary.member(key) }
            return index(forKey: key).map { decoded[$0].value }
        }
        set {
            if let i = index(forKey: key) {
                if let newValue { members[i].value = newValue } else { members.remove(at: i) }
            } else if let newValue {
                members.append(Member(key, newValue))
            }
        }
    }

    /// Appends a member without looking for an existing key; the caller
    /// guarantees `key` is not present yet.
    public mutating func appendUnique(_ key: String, _ value: JSON) {
        members.append(Member(key, value))
    }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSON? {
        guard let i = index(forKey: key) else { return nil }
        return members.remove(at: i).value
    }

    /// The members as (key, value) pairs in order.
    public var entries: LazyMapSequence<[Member], (key: String, value: JSON)> {
        members.lazy.map { (key: $0.key, value: $0.value) }
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// `["a": 1, "b": "x"]`; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self.init(minimumCapacity: elements.count)
        for (key, value) in elements { self[key] = value }
    }
}

/// An object's binary form and, once asked for, its decoded members.
private final class BinaryObject: Sendable {
    let bytes: ArraySlice<UInt8>
    let count: Int
    private let decoded = Mutex<[JSONObject.Member]?>(nil)

    /// `bytes` passed `BinaryJSONReader.checkValue` as an object, or are
    /// trusted (``JSONObject/init(trustedBinaryObject:)``).
    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        count = bytes.withUnsafeBufferPointer { buffer in
            var scanner = BinaryJSONScanner(buffer)
            _ = try? scanner.byte()
            // Trusted bytes are unchecked: a corrupt count must not trap or
            // promise more members than there are bytes.
            return min(Int(clamping: (try? scanner.varint()) ?? 0), buffer.count)
        }
    }

    var members: [JSONObject.Member] {
        decoded.withLock { decoded in
            if let decoded { return decoded }
            let members = Self.decodeMembers(bytes)
            decoded = members
            return members
        }
    }

    /// The value of member `key`, decoded alone from the bytes (cheaper
    /// than the lock and scan of the decoded members, when there are any).
    func member(_ key: String) -> JSON? {
        bytes.withUnsafeBufferPointer { buffer -> JSON? in
            var key = key
            return key.withUTF8 { wanted -> JSON? in
                // Checked at init: neither the walk nor the decode can fail.
                guard let value = try? BinaryJSON.memberValue(named: wanted, ofObject: buffer) else { return nil }
                return try? BinaryJSON.decode(buffer: value)
            }
        }
    }

    /// The members of the bytes — none for corrupt trusted ones (checked
    /// bytes always decode).
    static func decodeMembers(_ bytes: ArraySlice<UInt8>) -> [JSONObject.Member] {
        let decoded = bytes.withUnsafeBufferPointer { buffer in try? BinaryJSON.decode(buffer: buffer) }
        guard case .object(let object)? = decoded else { return [] }
        return object.members
    }
}
