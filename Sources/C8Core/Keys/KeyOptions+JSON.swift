extension KeyOptions {
    /// Parses the `keyOptions` attribute of a create-collection request (or
    /// of stored collection metadata). `.null` means all defaults; missing
    /// attributes take their defaults. Throws 1232 (invalid key generator)
    /// for a non-object, an unknown `type`, a non-boolean `allowUserKeys`, or
    /// an `increment`/`offset`/`lastValue` that is not a non-negative integer
    /// — and for the value ranges ``init(type:allowUserKeys:increment:offset:lastValue:)``
    /// rejects.
    public init(json: JSON) throws(C8Error) {
        if json.isNull {
            self = .default
            return
        }
        guard json.objectValue != nil else { throw C8Error(.invalidKeyGenerator) }

        var type = KeyGeneratorType.traditional
        switch json["type"] {
        case .null: break
        case .string(let name):
            guard let parsed = KeyGeneratorType(rawValue: name) else { throw C8Error(.invalidKeyGenerator) }
            type = parsed
        default: throw C8Error(.invalidKeyGenerator)
        }

        var allowUserKeys = true
        switch json["allowUserKeys"] {
        case .null: break
        case .bool(let b): allowUserKeys = b
        default: throw C8Error(.invalidKeyGenerator, "allowUserKeys must be a boolean")
        }

        self = try KeyOptions(
            type: type, allowUserKeys: allowUserKeys,
            increment: try Self.unsigned(json["increment"], name: "increment") ?? 1,
            offset: try Self.unsigned(json["offset"], name: "offset") ?? 0,
            lastValue: try Self.unsigned(json["lastValue"], name: "lastValue") ?? 0)
    }

    /// The `keyOptions` object as collection properties report it: `type`,
    /// `allowUserKeys`, `lastValue`, plus `increment` and `offset` for
    /// autoincrement (as ArangoDB does). A `lastValue` beyond Int64 is sent as
    /// a decimal string so that it survives the round trip exactly.
    public var json: JSON {
        var object = JSONObject()
        object["type"] = .string(type.rawValue)
        object["allowUserKeys"] = .bool(allowUserKeys)
        if type == .autoincrement {
            object["increment"] = Self.number(increment)
            object["offset"] = Self.number(offset)
        }
        object["lastValue"] = Self.number(lastValue)
        return .object(object)
    }

    /// Nil for `.null` (absent); the value for a non-negative integral number
    /// or a decimal string; else 1232.
    private static func unsigned(_ value: JSON, name: String) throws(C8Error) -> UInt64? {
        switch value {
        case .null: return nil
        case .int(let i) where i >= 0: return UInt64(i)
        case .double(let d) where d >= 0 && d < 18_446_744_073_709_551_616.0 && d.rounded(.towardZero) == d:
            return UInt64(d)
        case .string(let s):
            if let v = UInt64(s) { return v }
        default: break
        }
        throw C8Error(.invalidKeyGenerator, "\(name) must be a non-negative integer")
    }

    private static func number(_ value: UInt64) -> JSON {
        if let i = Int64(exactly: value) { return .int(i) }
        return .string(String(value))
    }
}
