import C8Core

/// C8QL's array functions: access, modification and ordering. Equality
/// and order are C8QL's (`JSON.==`, `JSON.compare`), so `1` and `1.0` are
/// the same element. Set operations live in ``ArraySetFunctions``.
///
/// Bad arguments follow ArangoDB function by function: readers (FIRST,
/// NTH, SORTED, …) warn 1563 "array expected"; modifiers (PUSH, SLICE,
/// REMOVE_*, …) warn 1542 "invalid argument type"; most modifiers treat a
/// null array as empty.
enum ArrayFunctions {
    static let definitions: [FunctionDefinition] = basic + ArraySetFunctions.definitions

    private static let basic: [FunctionDefinition] = {
        let lengthDefinition = FunctionDefinition("LENGTH", 1...1, .array) { call in .integer(length(call[0])) }
        let positionDefinition = FunctionDefinition("POSITION", 2...3, .array) { call in
            guard case .array(let values) = call[0] else { return call.warning(.queryArrayExpected) }
            let index = values.firstIndex(of: call[1])
            return call.bool(2) ? .integer(index ?? -1) : .bool(index != nil)
        }
        return [
            lengthDefinition, lengthDefinition.aliased(as: "COUNT"),
            positionDefinition, positionDefinition.aliased(as: "CONTAINS_ARRAY"),
            reader("FIRST") { _, values in values.first ?? .null },
            reader("LAST") { _, values in values.last ?? .null },
            reader("NTH", 2...2) { call, values in
                let index = call.integer(1)
                return values.indices.contains(index) ? values[index] : .null
            },
            reader("FLATTEN", 1...2) { call, values in
                let depth = call.has(1) ? call.double(1) : 1
                return .array(flatten(values, depth: depth >= 1 ? JSON.truncatedInteger(depth) : 1))
            },
            reader("SORTED") { _, values in .array(sorted(values)) },
            reader("SORTED_UNIQUE") { _, values in .array(sorted(unique(values))) },
            reader("UNIQUE") { _, values in .array(unique(values)) },
            FunctionDefinition("REVERSE", 1...1, .array) { call in
                switch call[0] {
                case .array(let values): return .array(values.reversed())
                case .string(let text): return .string(String(String.UnicodeScalarView(text.unicodeScalars.reversed())))
                default: return call.warning(.queryArrayExpected)
                }
            },
            modifier("PUSH", 2...3) { call, values in
                if call.bool(2) && values.contains(call[1]) { return .array(values) }
                return .array(values + [call[1]])
            },
            FunctionDefinition("APPEND", 2...3, .array) { call in append(call) },
            FunctionDefinition("UNSHIFT", 2...3, .array) { call in
                guard let values = nullAsEmpty(call[0]) else { return call.invalidArgument() }
                if call.bool(2) && values.contains(call[1]) { return call[0] }
                return .array([call[1]] + values)
            },
            modifier("POP", nullResult: .null) { _, values in .array(Array(values.dropLast())) },
            modifier("SHIFT", nullResult: .null) { _, values in .array(Array(values.dropFirst())) },
            modifier("REMOVE_VALUE", 2...3) { call, values in
                var remaining = call.has(2) && !call[2].isNull ? call.integer(2) : Int.max
                return .array(values.filter { value in
                    guard remaining != 0, value == call[1] else { return true }
                    remaining -= 1
                    return false
                })
            },
            FunctionDefinition("REMOVE_VALUES", 2...2, .array) { call in
                if call[1].isNull { return call[0] }
                if call[0].isNull { return [] }
                guard case .array(let values) = call[0], case .array(let removed) = call[1] else {
                    return call.invalidArgument()
                }
                let remove = Set(removed)
                return .array(values.filter { !remove.contains($0) })
            },
            modifier("REMOVE_NTH", 2...2) { call, values in
                let count = Double(values.count)
                var position = call.double(1)
                guard position < count, position >= -count else { return .array(values) }
                if position < 0 { position += count }
                var result = values
                result.remove(at: Int(position))
                return .array(result)
            },
            FunctionDefinition("REPLACE_NTH", 3...4, .array) { call throws(C8Error) in try replaceNth(call) },
            FunctionDefinition("SLICE", 2...3, .array) { call in
                guard case .array(let values) = call[0] else { return call.invalidArgument() }
                return .array(slice(values, start: call.integer(1), length: call[2].isNull ? nil : call.integer(2)))
            },
        ]
    }()

    // MARK: Building blocks

    /// A function reading an array argument; anything else warns 1563.
    static func reader(
        _ name: String, _ arguments: ClosedRange<Int> = 1...1, _ body: @escaping @Sendable (FunctionCall, [JSON]) -> JSON
    ) -> FunctionDefinition {
        FunctionDefinition(name, arguments, .array) { call in
            guard case .array(let values) = call[0] else { return call.warning(.queryArrayExpected) }
            return body(call, values)
        }
    }

    /// A function deriving a new array: a null array counts as empty (or
    /// gives `nullResult`), anything else that is not an array warns 1542.
    private static func modifier(
        _ name: String, _ arguments: ClosedRange<Int> = 1...1, nullResult: JSON? = nil,
        _ body: @escaping @Sendable (FunctionCall, [JSON]) -> JSON
    ) -> FunctionDefinition {
        FunctionDefinition(name, arguments, .array) { call in
            if call[0].isNull, let nullResult { return nullResult }
            guard let values = nullAsEmpty(call[0]) else { return call.invalidArgument() }
            return body(call, values)
        }
    }

    private static func nullAsEmpty(_ value: JSON) -> [JSON]? {
        switch value {
        case .null: []
        case .array(let values): values
        default: nil
        }
    }

    // MARK: Implementations

    /// LENGTH/COUNT: elements of an array, attributes of an object,
    /// characters of a string or of a number's text; 1 for true, 0 for
    /// false and null.
    static func length(_ value: JSON) -> Int {
        switch value {
        case .null: 0
        case .bool(let b): b ? 1 : 0
        case .int, .double, .string: value.toStringValue.unicodeScalars.count
        case .array(let values): values.count
        case .object(let object): object.count
        }
    }

    static func flatten(_ values: [JSON], depth: Int) -> [JSON] {
        var result: [JSON] = []
        for value in values {
            if case .array(let inner) = value, depth > 0 {
                result.append(contentsOf: flatten(inner, depth: depth - 1))
            } else {
                result.append(value)
            }
        }
        return result
    }

    /// Stable sort in C8QL order.
    static func sorted(_ values: [JSON]) -> [JSON] {
        values.enumerated().sorted { a, b in
            let c = JSON.compare(a.element, b.element)
            return c != 0 ? c < 0 : a.offset < b.offset
        }.map(\.element)
    }

    /// The first occurrence of each distinct value, in order.
    static func unique(_ values: [JSON]) -> [JSON] {
        var seen = Set<JSON>()
        return values.filter { seen.insert($0).inserted }
    }

    /// APPEND(array, values[, unique]): `values` may be one value or an
    /// array of them. ArangoDB's corner cases: appending null or [] returns
    /// the first argument untouched; a null array returns `values`
    /// untouched; with `unique`, duplicates already in the array go too.
    private static func append(_ call: FunctionCall) -> JSON {
        let added = call[1]
        if added.isNull { return call[0] }
        if case .array(let a) = added, a.isEmpty { return call[0] }
        if call[0].isNull { return added }
        guard case .array(let values) = call[0] else { return call.invalidArgument() }
        let newValues = added.arrayValue ?? [added]
        guard call.bool(2) else { return .array(values + newValues) }
        return .array(unique(values + newValues))
    }

    /// REPLACE_NTH(array, position, value[, padding]): a position past the
    /// end pads with `padding`, which must then be given (error 1542
    /// otherwise, as is a null position).
    private static func replaceNth(_ call: FunctionCall) throws(C8Error) -> JSON {
        guard case .array(var values) = call[0] else { return call.invalidArgument() }
        if call[1].isNull { throw call.invalidArgumentError() }
        let requested = call.integer(1)
        let offset = requested >= 0 ? requested : max(values.count + requested, 0)
        if offset > values.count && !call.has(3) { throw call.invalidArgumentError() }
        if offset < values.count {
            values[offset] = call[2]
        } else {
            values.append(contentsOf: repeatElement(call[3], count: offset - values.count))
            values.append(call[2])
        }
        return .array(values)
    }

    /// SLICE(array, start[, length]): a negative start counts from the end;
    /// a negative length stops that many elements before the end.
    static func slice(_ values: [JSON], start: Int, length: Int?) -> [JSON] {
        let count = values.count
        var from = start
        if from < 0 { from = max(count + from, 0) }
        var to: Int
        if let length {
            to = length >= 0 ? (from > Int.max - length ? Int.max : from + length) : max(count + length, 0)
        } else {
            to = count
        }
        to = min(to, count)
        guard from < to else { return [] }
        return Array(values[from..<to])
    }
}
