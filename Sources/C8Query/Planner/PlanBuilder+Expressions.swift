import C8Core

extension PlanBuilder {
    /// Compiles an expression in the current scope.
    mutating func compile(_ expression: Expression) throws(C8Error) -> CompiledExpression {
        switch expression {
        case .literal(let value):
            return .constant(value)
        case .variable(let name):
            guard let slot = slot(of: name) else {
                throw C8Error(.queryVariableNameUnknown, "variable '\(name)' is unknown")
            }
            return .slot(slot)
        case .bindParameter(let name):
            usedBindParameters.insert(name)
            guard let value = bindVariables[name] else {
                throw C8Error(.queryBindParameterMissing, "no value specified for declared bind parameter '\(name)'")
            }
            return .constant(value)
        case .array(let elements):
            var compiled: [CompiledExpression] = []
            for element in elements { compiled.append(try compile(element)) }
            if compiled.allSatisfy({ $0.constantValue != nil }) { return .constant(.array(compiled.map { $0.constantValue! })) }
            return .array(compiled)
        case .object(let members):
            var compiled: [(key: CompiledExpression.CompiledKey, value: CompiledExpression)] = []
            for member in members {
                let key: CompiledExpression.CompiledKey
                switch member.key {
                case .name(let name): key = .name(name)
                case .computed(let e): key = .computed(try compile(e))
                case .bindParameter(let name):
                    usedBindParameters.insert(name)
                    guard let value = bindVariables[name] else {
                        throw C8Error(.queryBindParameterMissing, "no value specified for declared bind parameter '\(name)'")
                    }
                    key = .name(value.toStringValue)
                }
                compiled.append((key, try compile(member.value)))
            }
            return .object(compiled)
        case .attribute(let base, let name):
            return .attribute(try compile(base), name)
        case .index(let base, let index):
            let compiledIndex = try compile(index)
            // `x["name"]` is `x.name`; `x["1"]` stays an index, which an
            // array reads as its element 1.
            if case .constant(.string(let name)) = compiledIndex, Int(name) == nil { return .attribute(try compile(base), name) }
            return .index(try compile(base), compiledIndex)
        case .unary(let op, let operand):
            let compiled = try compile(operand)
            switch op {
            case .not: return .not(compiled)
            case .minus: return .negate(compiled)
            case .plus: return .toNumber(compiled)
            }
        case .binary(let op, let lhs, let rhs):
            let left = try compile(lhs)
            let right = try compile(rhs)
            switch op {
            case .and: return .and(left, right)
            case .or: return .or(left, right)
            case .add, .subtract, .multiply, .divide, .modulo: return .arithmetic(op, left, right)
            default: return .compare(op, left, right)
            }
        case .arrayComparison(let quantifier, let op, let lhs, let rhs):
            return .arrayComparison(quantifier, op, try compile(lhs), try compile(rhs))
        case .ternary(let condition, let then, let otherwise):
            return .ternary(try compile(condition), try then.map { t throws(C8Error) in try compile(t) }, try compile(otherwise))
        case .range(let lhs, let rhs):
            return .range(try compile(lhs), try compile(rhs))
        case .call(let name, let arguments):
            var definition = try FunctionRegistry.standard.lookup(name)
            try definition.checkArgumentCount(arguments.count)
            // LENGTH(coll) and COUNT(coll) are the collection's document
            // count, as in ArangoDB — not the length of its name.
            if ["LENGTH", "COUNT"].contains(name.uppercased()), let only = arguments.first, arguments.count == 1 {
                if case .collection = only {
                    definition = try FunctionRegistry.standard.lookup("COLLECTION_COUNT")
                } else if case .collectionBindParameter = only {
                    definition = try FunctionRegistry.standard.lookup("COLLECTION_COUNT")
                }
            }
            var compiled: [CompiledExpression] = []
            for argument in arguments {
                // FULLTEXT(coll, …), NEAR(coll, …), COLLECTION_COUNT(coll): a bare name is the collection's name.
                if case .collection(let collection) = argument {
                    compiled.append(.constant(.string(collection)))
                } else if case .collectionBindParameter = argument {
                    compiled.append(.constant(.string(try collectionName(argument))))
                } else {
                    compiled.append(try compile(argument))
                }
            }
            return .call(definition, compiled)
        case .subquery(let query):
            pushScope()
            defer { popScope() }
            return .subquery(SubqueryPlan(steps: try plan(query.operations, topLevel: false)))
        case .expansion(let expansion):
            let base = try compile(expansion.base)
            pushScope()
            defer { popScope() }
            let currentSlot = declare("CURRENT")
            let filter = try expansion.filter.map { f throws(C8Error) in try compile(f) }
            var limit: (offset: Int, count: Int)?
            if let l = expansion.limit {
                limit = (try constantInteger(l.offset, what: "inline LIMIT offset"), try constantInteger(l.count, what: "inline LIMIT count"))
            }
            let projection = try expansion.projection.map { p throws(C8Error) in try compile(p) }
            return .expansion(CompiledExpansion(base: base, levels: expansion.levels, currentSlot: currentSlot, filter: filter, limit: limit, projection: projection))
        case .flatten(let base, let depth):
            return .flatten(try compile(base), depth: depth)
        case .collection(let name):
            throw C8Error(.queryCollectionUsedInExpression, "collection '\(name)' used as expression operand")
        case .collectionBindParameter(let name):
            throw C8Error(.queryCollectionUsedInExpression, "collection '@\(name)' used as expression operand")
        }
    }
}
