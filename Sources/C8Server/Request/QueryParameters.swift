import C8Core

/// The decoded `?name=value&…` of a request, with typed readers that answer
/// the C8 API's conventions and refuse malformed values with a 400.
public struct QueryParameters: Sendable {
    private var pairs: [(name: String, value: String)] = []

    public init() {}

    /// Parses a raw query string (`a=1&b=x%20y&flag`).
    /// - Throws: 400 for malformed percent-encoding.
    public init(_ rawQuery: Substring) throws(C8Error) {
        for part in rawQuery.split(separator: "&", omittingEmptySubsequences: true) {
            let halves = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try PathDecoder.decode(halves[0], plusIsSpace: true)
            let value = halves.count > 1 ? try PathDecoder.decode(halves[1], plusIsSpace: true) : ""
            pairs.append((name, value))
        }
    }

    /// The first value of `name`, or nil when absent.
    public subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// A boolean parameter, nil when absent. Accepts what clients send:
    /// `1`/`0`, `true`/`false` in any case (pyC8 pastes Python's `True`),
    /// `yes`/`no`, `on`/`off`; a bare `?flag` means true.
    /// - Throws: 400 for anything else.
    public func bool(_ name: String) throws(C8Error) -> Bool? {
        guard let text = self[name] else { return nil }
        guard let value = LenientBoolean.parse(text) else {
            throw C8Error(.badParameter, "query parameter '\(name)' must be a boolean, not '\(text)'")
        }
        return value
    }

    public func bool(_ name: String, default value: Bool) throws(C8Error) -> Bool {
        try bool(name) ?? value
    }

    /// An integer parameter, nil when absent or empty.
    /// - Throws: 400 when it is not an integer.
    public func int(_ name: String) throws(C8Error) -> Int? {
        guard let text = self[name], !text.isEmpty else { return nil }
        guard let value = Int(text) else {
            throw C8Error(.badParameter, "query parameter '\(name)' must be an integer, not '\(text)'")
        }
        return value
    }

    /// `?order=asc|desc` (any case; absent means ascending): whether the
    /// order is descending.
    /// - Throws: 400 for another value.
    public func descendingOrder(_ name: String = "order") throws(C8Error) -> Bool {
        switch self[name]?.lowercased() {
        case nil, ""?, "asc"?: return false
        case "desc"?: return true
        case let other?: throw C8Error(.badParameter, "\(name) must be asc or desc, not '\(other)'")
        }
    }
}

/// Booleans as they arrive in URLs and loosely typed bodies.
public enum LenientBoolean {
    /// true, false, or nil when `text` is no boolean spelling.
    public static func parse(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "", "1", "true", "yes", "on", "y": true
        case "0", "false", "no", "off", "n": false
        default: nil
        }
    }

    /// A body member that should be a boolean: JSON booleans, 0/1, and the
    /// spellings ``parse(_:)`` accepts; nil when absent or null.
    /// - Throws: 400 for other values.
    public static func member(_ json: JSON, _ name: String) throws(C8Error) -> Bool? {
        switch json[name] {
        case .null: return nil
        case .bool(let value): return value
        case .int(let n) where n == 0 || n == 1: return n == 1
        case .string(let text):
            if let value = parse(text), !text.isEmpty { return value }
        default: break
        }
        throw C8Error(.badParameter, "'\(name)' must be a boolean")
    }
}
