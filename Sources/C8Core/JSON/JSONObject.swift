/// The members of a JSON object, in insertion order.
///
/// Lookups scan the members: documents rarely have more than a few dozen
/// attributes, and a linear scan over one contiguous array beats hashing
/// there. Keys match byte for byte (no Unicode normalization), as in
/// ArangoDB. Setting an existing key keeps its position.
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

    public private(set) var members: [Member]

    public init() {
        members = []
    }

    public init(minimumCapacity: Int) {
        members = []
        members.reserveCapacity(minimumCapacity)
    }

    /// Builds an object from members whose keys are known to be unique.
    public init(uniqueMembers members: [Member]) {
        self.members = members
    }

    /// Builds an object from members where a key may repeat: the last value
    /// wins, at the position of the key's first occurrence.
    public init(members: [Member]) {
        self.init(minimumCapacity: members.count)
        for member in members { self[member.key] = member.value }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }
    public var values: [JSON] { members.map(\.value) }

    public func index(forKey key: String) -> Int? {
        // The wanted key's length is taken once, not once per member (a
        // FILTER on `d.score` looks past most of a document's members).
        let count = key.utf8.count
        for i in members.indices where members[i].key.utf8.count == count {
            if members[i].key.utf8Compare(key) == 0 { return i }
        }
        return nil
    }

    public subscript(key: String) -> JSON? {
        get { index(forKey: key).map { members[$0].value } }
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
