import C8Core

/// C8QL's implicit and explicit casts (C8-API.md §2.6): what logical
/// operators, arithmetic and the TO_* functions do to a value.
extension JSON {
    /// TO_BOOL: false for null, false, 0, NaN and ""; true otherwise
    /// (every array and object, even empty ones).
    public var toBool: Bool {
        switch self {
        case .null: false
        case .bool(let b): b
        case .int(let i): i != 0
        case .double(let d): !(d == 0 || d.isNaN)
        case .string(let s): !s.isEmpty
        case .array, .object: true
        }
    }

    /// TO_NUMBER as a double: null 0, booleans 0/1, a string holding a
    /// number literal (surrounding whitespace allowed) its value else 0,
    /// `[]` 0, `[x]` TO_NUMBER(x), longer arrays and objects 0.
    public var toDouble: Double {
        switch self {
        case .null: return 0
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return Double(i)
        case .double(let d): return d.isFinite ? d : 0
        case .string(let s): return JSON.parseNumberLiteral(s) ?? 0
        case .array(let a): return a.count == 1 ? a[0].toDouble : 0
        case .object: return 0
        }
    }

    /// TO_NUMBER as a value: integers stay integers.
    public var toNumber: JSON {
        switch self {
        case .int: return self
        case .array(let a) where a.count == 1: return a[0].toNumber
        default: return .number(toDouble)
        }
    }

    /// TO_STRING: null "", booleans "true"/"false", numbers in shortest
    /// form, strings as they are, arrays and objects as compact JSON.
    public var toStringValue: String {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? NumberFormatting.string(d) : "null"
        case .string(let s): return s
        case .array, .object: return jsonString()
        }
    }

    /// TO_ARRAY: null [], arrays as they are, objects their values, anything
    /// else wrapped.
    public var toArray: [JSON] {
        switch self {
        case .null: return []
        case .array(let a): return a
        case .object(let o): return o.values
        default: return [self]
        }
    }

    /// A number value from a double: an integer when the double is one
    /// (below 2^53), so `1 + 1` prints and compares as `2`.
    public static func number(_ d: Double) -> JSON {
        if d == d.rounded(.towardZero), abs(d) < 9_007_199_254_740_992 {
            return d == 0 ? .int(0) : .int(Int64(d))
        }
        return .double(d)
    }

    /// The value of a number literal in a string (C8QL's TO_NUMBER rule):
    /// optional whitespace, an optional sign, digits with an optional
    /// fraction and exponent; nil for anything else (hex, "inf", "1a").
    static func parseNumberLiteral(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        var i = 0
        var end = bytes.count
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        while i < end, isSpace(bytes[i]) { i += 1 }
        while end > i, isSpace(bytes[end - 1]) { end -= 1 }
        guard i < end else { return nil }
        let start = i
        if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
        var digits = 0
        while i < end, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1; digits += 1 }
        if i < end, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if i < end, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < end, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            var exponentDigits = 0
            while i < end, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return nil }
        }
        guard i == end, let value = Double(String(decoding: bytes[start..<end], as: UTF8.self)), value.isFinite else { return nil }
        return value
    }
}
