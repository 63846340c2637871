/// A JSON value as C8 stores, queries and sends it.
///
/// Objects keep the order their keys were inserted in. Numbers keep the
/// distinction the input made: an integer literal that fits in 64 bits is
/// `.int`, everything else is `.double`; both compare as numbers.
///
/// `==` and `hash(into:)` follow the C8QL equality of ``JSON/compare(_:_:)``
/// (so `1 == 1.0`, `{"a":1,"b":2} == {"b":2,"a":1}` and `{} == {"a":null}`);
/// compare serialized text when byte-for-byte identity matters.
public enum JSON: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)
}

extension JSON {
    /// The C8QL type name, as `TYPENAME()` returns it.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .int, .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    public var isNull: Bool { if case .null = self { true } else { false } }

    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }

    public var arrayValue: [JSON]? { if case .array(let a) = self { a } else { nil } }

    public var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }

    /// The number as a Double, for `.int` and `.double`; nil otherwise.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    /// The number as an exact integer: `.int`, or a `.double` with no fraction
    /// inside Int64's range; nil otherwise.
    public var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .double(let d):
            guard d.rounded(.towardZero) == d, d >= -9.223372036854775808e18, d < 9.223372036854775808e18 else { return nil }
            return Int64(d)
        default: return nil
        }
    }

    /// The member `key` of an object; `.null` for a missing key or a non-object
    /// (C8QL's attribute access never fails).
    public subscript(key: String) -> JSON {
        if case .object(let o) = self { return o[key] ?? .null }
        return .null
    }

    /// The element at `index` of an array, counting from the end when negative;
    /// `.null` when out of range or not an array.
    public subscript(index: Int) -> JSON {
        guard case .array(let a) = self else { return .null }
        let i = index < 0 ? a.count + index : index
        return a.indices.contains(i) ? a[i] : .null
    }
}

// No `ExpressibleByNilLiteral`: with it, the `nil` of `cond ? json : nil`
// was JSON's `.null`, not "no value", and a `JSON?` got `.some(.null)` — an
// UPSERT whose `_key` search did not match took `null` for the document it
// found, and Enter on a page still loading opened a `null` document. Write
// `.null` for JSON null.
extension JSON: ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSON)...) {
        var object = JSONObject(minimumCapacity: elements.count)
        for (k, v) in elements { object[k] = v }
        self = .object(object)
    }
}
