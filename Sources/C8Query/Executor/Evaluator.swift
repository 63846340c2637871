import C8Core

/// Evaluates compiled expressions against a row, with C8QL's semantics:
/// operators never fail — bad operands give null or a cast value, with a
/// warning where ArangoDB warns.
extension QueryContext {
    func evaluate(_ expression: CompiledExpression, _ row: Row) throws(C8Error) -> JSON {
        switch expression {
        case .constant(let value):
            return value
        case .slot(let slot):
            return row.slots[slot]
        case .array(let elements):
            var result: [JSON] = []
            result.reserveCapacity(elements.count)
            for element in elements { result.append(try evaluate(element, row)) }
            return .array(result)
        case .object(let members):
            var object = JSONObject(minimumCapacity: members.count)
            for member in members {
                let key: String
                switch member.key {
                case .name(let name): key = name
                case .computed(let expression): key = try evaluate(expression, row).toStringValue
                }
                object[key] = try evaluate(member.value, row)
            }
            return .object(object)
        case .attribute(.slot(let slot), let name):
            // A variable's attribute, read in place: no copy of the document.
            return row.slots[slot][name]
        case .attribute(let base, let name):
            return try evaluate(base, row)[name]
        case .index(let base, let index):
            return Self.access(try evaluate(base, row), try evaluate(index, row))
        case .not(let operand):
            return .bool(!(try evaluate(operand, row).toBool))
        case .negate(let operand):
            return try arithmetic(.subtract, .int(0), try evaluate(operand, row))
        case .toNumber(let operand):
            return try evaluate(operand, row).toNumber
        case .and(let lhs, let rhs):
            let left = try evaluate(lhs, row)
            return left.toBool ? try evaluate(rhs, row) : left
        case .or(let lhs, let rhs):
            let left = try evaluate(lhs, row)
            return left.toBool ? left : try evaluate(rhs, row)
        case .compare(let op, let lhs, let rhs):
            return .bool(try compare(op, try evaluate(lhs, row), try evaluate(rhs, row)))
        case .arithmetic(let op, let lhs, let rhs):
            return try arithmetic(op, try evaluate(lhs, row), try evaluate(rhs, row))
        case .arrayComparison(let quantifier, let op, let lhs, let rhs):
            guard case .array(let elements) = try evaluate(lhs, row) else { return .bool(false) }
            let right = try evaluate(rhs, row)
            var matches = 0
            for element in elements where try compare(op, element, right) { matches += 1 }
            switch quantifier {
            case .any: return .bool(matches > 0)
            case .all: return .bool(matches == elements.count)
            case .none: return .bool(matches == 0)
            }
        case .ternary(let condition, let then, let otherwise):
            let value = try evaluate(condition, row)
            if value.toBool { return try then.map { e throws(C8Error) in try evaluate(e, row) } ?? value }
            return try evaluate(otherwise, row)
        case .range(let lhs, let rhs):
            return try range(try evaluate(lhs, row), try evaluate(rhs, row))
        case .call(let function, let arguments):
            var values: [JSON] = []
            values.reserveCapacity(arguments.count)
            for argument in arguments { values.append(try evaluate(argument, row)) }
            let result = try function.implementation(values, self)
            if let warningFailure { throw warningFailure }
            return result
        case .subquery(let plan):
            return .array(try run(plan.steps, input: row))
        case .expansion(let expansion):
            return try expand(expansion, row)
        case .flatten(let base, let depth):
            return .array(Self.flatten(try evaluate(base, row), depth: depth))
        }
    }

    /// `value[index]`: array elements by (negative) number, object members
    /// by string; null otherwise.
    /// `value[index]` as ArangoDB reads it: an array takes a number or a
    /// string holding an integer (`[1,2,3]["1"]` is 2), an object a string
    /// or a number's integer spelled out (`{"1": 5}[1]` is 5).
    static func access(_ value: JSON, _ index: JSON) -> JSON {
        switch (value, index) {
        case (.array, .int(let i)): return value[Int(clamping: i)]
        case (.array, .double(let d)) where d.isFinite: return value[Int(d.rounded(.towardZero))]
        case (.array, .string(let s)): return Int(s).map { value[$0] } ?? .null
        case (.object(let o), .string(let s)): return o[s] ?? .null
        case (.object(let o), .int(let i)): return o[String(i)] ?? .null
        case (.object(let o), .double(let d)) where d.isFinite && abs(d) < 9e18: return o[String(Int(d.rounded(.towardZero)))] ?? .null
        default: return .null
        }
    }

    func compare(_ op: BinaryOperator, _ a: JSON, _ b: JSON) throws(C8Error) -> Bool {
        switch op {
        case .equal: return JSON.compare(a, b) == 0
        case .notEqual: return JSON.compare(a, b) != 0
        case .less: return JSON.compare(a, b) < 0
        case .lessOrEqual: return JSON.compare(a, b) <= 0
        case .greater: return JSON.compare(a, b) > 0
        case .greaterOrEqual: return JSON.compare(a, b) >= 0
        case .in:
            guard case .array(let elements) = b else { return false }
            return elements.contains { JSON.compare(a, $0) == 0 }
        case .notIn:
            guard case .array(let elements) = b else { return true }
            return !elements.contains { JSON.compare(a, $0) == 0 }
        case .like, .notLike:
            let matches = try callFunction("LIKE", [a, b]).toBool
            return op == .like ? matches : !matches
        case .regexMatch, .regexNotMatch:
            let matches = try callFunction("REGEX_TEST", [a, b]).toBool
            return op == .regexMatch ? matches : !matches
        default:
            throw C8Error(.internalError, "\(op.rawValue) is not a comparison")
        }
    }

    /// `+ - * / %` on TO_NUMBER of both sides; integers stay exact while they
    /// fit, division or modulo by zero and non-finite results give null
    /// with warning 1562 / 1561 (the engine's behaviour, not the docs').
    func arithmetic(_ op: BinaryOperator, _ a: JSON, _ b: JSON) throws(C8Error) -> JSON {
        let x = a.toNumber
        let y = b.toNumber
        if case .int(let i) = x, case .int(let j) = y {
            switch op {
            case .add: let (r, o) = i.addingReportingOverflow(j); if !o { return .int(r) }
            case .subtract: let (r, o) = i.subtractingReportingOverflow(j); if !o { return .int(r) }
            case .multiply: let (r, o) = i.multipliedReportingOverflow(by: j); if !o { return .int(r) }
            case .modulo:
                if j == 0 { return try divisionByZero() }
                if !(i == .min && j == -1) { return .int(i % j) }
            default: break
            }
        }
        let p = x.toDouble
        let q = y.toDouble
        let result: Double
        switch op {
        case .add: result = p + q
        case .subtract: result = p - q
        case .multiply: result = p * q
        case .divide:
            if q == 0 { return try divisionByZero() }
            result = p / q
        case .modulo:
            if q == 0 { return try divisionByZero() }
            result = p.truncatingRemainder(dividingBy: q)
        default: throw C8Error(.internalError, "\(op.rawValue) is not arithmetic")
        }
        guard result.isFinite else {
            warn(.queryInvalidArithmeticValue, "invalid arithmetic value")
            if let warningFailure { throw warningFailure }
            return .null
        }
        return .number(result)
    }

    private func divisionByZero() throws(C8Error) -> JSON {
        warn(.queryDivisionByZero, "division by zero")
        if let warningFailure { throw warningFailure }
        return .null
    }

    /// `a..b`: the integers from a to b (descending when b < a).
    func range(_ a: JSON, _ b: JSON) throws(C8Error) -> JSON {
        let from = Int64(a.toDouble.rounded(.towardZero).clamped(to: -9.0e18...9.0e18))
        let to = Int64(b.toDouble.rounded(.towardZero).clamped(to: -9.0e18...9.0e18))
        let (count, overflow) = (to > from ? to - from : from - to).addingReportingOverflow(1)
        guard !overflow, count <= 10_000_000 else {
            throw C8Error(.resourceLimit, "range \(from)..\(to) has more than 10000000 elements")
        }
        try reserve(Int(count) * 16)
        defer { release(Int(count) * 16) }
        var values: [JSON] = []
        values.reserveCapacity(Int(count))
        var value = from
        for index in 0..<count {
            // A long range is built between two rows: a killed query (or
            // one past maxRuntime) stops inside it.
            if index & 0xFFFF == 0xFFFF { try checkKilled() }
            values.append(.int(value))
            value = to >= from ? value + 1 : value - 1
        }
        return .array(values)
    }

    private func expand(_ expansion: CompiledExpansion, _ row: Row) throws(C8Error) -> JSON {
        let base = try evaluate(expansion.base, row)
        guard case .array = base else { return .array([]) }
        let elements = expansion.levels > 1 ? Self.flatten(base, depth: expansion.levels - 1) : base.toArray
        var scope = row
        var result: [JSON] = []
        var skipped = 0
        for element in elements {
            scope[expansion.currentSlot] = element
            if let filter = expansion.filter, !(try evaluate(filter, scope).toBool) { continue }
            if let limit = expansion.limit {
                if skipped < limit.offset { skipped += 1; continue }
                if result.count >= limit.count { break }
            }
            result.append(try expansion.projection.map { p throws(C8Error) in try evaluate(p, scope) } ?? element)
        }
        return .array(result)
    }

    /// Flattens nested arrays `depth` levels deep; non-arrays stay as they are.
    static func flatten(_ value: JSON, depth: Int) -> [JSON] {
        guard case .array(let elements) = value else { return [] }
        var result: [JSON] = []
        for element in elements {
            if depth > 0, case .array = element {
                result.append(contentsOf: flatten(element, depth: depth - 1))
            } else {
                result.append(element)
            }
        }
        return result
    }

    func callFunction(_ name: String, _ arguments: [JSON]) throws(C8Error) -> JSON {
        let result = try FunctionRegistry.standard.call(name, arguments: arguments, environment: self)
        if let warningFailure { throw warningFailure }
        return result
    }
}

extension Double {
    func clamped(to range: ClosedRange<Double>) -> Double {
        Swift.min(Swift.max(self, range.lowerBound), range.upperBound)
    }
}
