/// C8QL's total order over values (C8-API.md §2.5), which `==`, SORT,
/// COLLECT grouping, DISTINCT and index keys all share.
///
/// Types rank null < bool < number < string < array < object. Numbers compare
/// by value (exactly between two integers, as doubles otherwise). Strings
/// compare by UTF-8 bytes (Docs/DECISIONS.md). Arrays compare element by
/// element, the shorter one padded with null. Objects compare over the sorted
/// union of their keys, a missing key counting as null — so `{}` equals
/// `{"a": null}`, as in the ArangoDB engine.
extension JSON {
    /// The rank of the value's type in the C8QL order.
    @inlinable
    public var typeRank: Int {
        switch self {
        case .null: 0
        case .bool: 1
        case .int, .double: 2
        case .string: 3
        case .array: 4
        case .object: 5
        }
    }

    /// Negative, zero or positive as `a` sorts before, with or after `b`.
    public static func compare(_ a: JSON, _ b: JSON) -> Int {
        switch (a, b) {
        case (.null, .null):
            return 0
        case (.bool(let x), .bool(let y)):
            return x == y ? 0 : (x ? 1 : -1)
        case (.int(let x), .int(let y)):
            return x == y ? 0 : (x < y ? -1 : 1)
        case (.string(let x), .string(let y)):
            return x.utf8Compare(y)
        case (.array(let x), .array(let y)):
            return compareArrays(x, y)
        case (.object(let x), .object(let y)):
            return compareObjects(x, y)
        default:
            let rankA = a.typeRank
            let rankB = b.typeRank
            if rankA != rankB { return rankA < rankB ? -1 : 1 }
            // Both numbers, at least one a double.
            let x = a.doubleValue!
            let y = b.doubleValue!
            return x == y ? 0 : (x < y ? -1 : 1)
        }
    }

    private static func compareArrays(_ x: [JSON], _ y: [JSON]) -> Int {
        let n = max(x.count, y.count)
        var i = 0
        while i < n {
            let c = compare(i < x.count ? x[i] : .null, i < y.count ? y[i] : .null)
            if c != 0 { return c }
            i += 1
        }
        return 0
    }

    private static func compareObjects(_ x: JSONObject, _ y: JSONObject) -> Int {
        let a = x.members.sorted { $0.key.utf8Compare($1.key) < 0 }
        let b = y.members.sorted { $0.key.utf8Compare($1.key) < 0 }
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            let order = i == a.count ? 1 : (j == b.count ? -1 : a[i].key.utf8Compare(b[j].key))
            let c: Int
            if order == 0 {
                c = compare(a[i].value, b[j].value)
                i += 1
                j += 1
            } else if order < 0 {
                c = compare(a[i].value, .null)
                i += 1
            } else {
                c = compare(.null, b[j].value)
                j += 1
            }
            if c != 0 { return c }
        }
        return 0
    }
}

extension JSON: Equatable, Comparable, Hashable {
    public static func == (a: JSON, b: JSON) -> Bool { compare(a, b) == 0 }

    public static func < (a: JSON, b: JSON) -> Bool { compare(a, b) < 0 }

    /// Hashes what `==` looks at: numbers as doubles, arrays without trailing
    /// nulls, objects without null members and independent of member order.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null:
            hasher.combine(0 as UInt8)
        case .bool(let b):
            hasher.combine(1 as UInt8)
            hasher.combine(b)
        case .int(let i):
            hasher.combine(2 as UInt8)
            hasher.combine(Double(i))
        case .double(let d):
            hasher.combine(2 as UInt8)
            hasher.combine(d)
        case .string(let s):
            hasher.combine(3 as UInt8)
            var s = s
            s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        case .array(let elements):
            hasher.combine(4 as UInt8)
            var n = elements.count
            while n > 0, elements[n - 1].isNull { n -= 1 }
            for element in elements[0..<n] { hasher.combine(element) }
        case .object(let object):
            hasher.combine(5 as UInt8)
            var members = 0
            for (key, value) in object.entries where !value.isNull {
                var memberHasher = Hasher()
                var key = key
                key.withUTF8 { memberHasher.combine(bytes: UnsafeRawBufferPointer($0)) }
                memberHasher.combine(value)
                members &+= memberHasher.finalize()
            }
            hasher.combine(members)
        }
    }
}
