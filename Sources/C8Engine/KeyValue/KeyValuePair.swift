import C8Core

/// One entry of a key/value collection, as the KV API shows it.
public struct KeyValuePair: Sendable, Equatable {
    public var key: String
    public var value: JSON
    /// Unix seconds after which the pair is gone; -1 = never.
    public var expireAt: Int64

    public init(key: String, value: JSON, expireAt: Int64 = -1) {
        self.key = key
        self.value = value
        self.expireAt = expireAt
    }

    /// `{_key, value, expireAt}`.
    public var json: JSON {
        ["_key": .string(key), "value": value, "expireAt": .int(expireAt)]
    }

    /// From a request item `{_key, value, expireAt?}`.
    public init(json: JSON) throws(C8Error) {
        guard case .string(let key) = json["_key"] else { throw C8Error(.documentKeyMissing, "each pair needs a string _key") }
        guard json.objectValue?["value"] != nil else { throw C8Error(.badParameter, "pair \(key) has no value") }
        let expireAt: Int64
        switch json["expireAt"] {
        case .null: expireAt = -1
        case let v where v.intValue != nil: expireAt = v.intValue!
        default: throw C8Error(.badParameter, "expireAt must be unix seconds or -1")
        }
        self.init(key: key, value: json["value"], expireAt: expireAt)
    }

    /// The stored document: `expireAt` is null when the pair never expires,
    /// so a TTL index on it only holds pairs that do.
    var document: JSON {
        ["_key": .string(key), "value": value, "expireAt": expireAt < 0 ? .null : .int(expireAt)]
    }

    init?(document: JSON) {
        guard let key = document["_key"].stringValue else { return nil }
        self.init(key: key, value: document["value"], expireAt: document["expireAt"].intValue ?? -1)
    }

    func isExpired(at now: Double) -> Bool {
        expireAt >= 0 && Double(expireAt) <= now
    }
}
