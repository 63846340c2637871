import C8Core
import C8Engine

extension QueryContext {
    /// The running form of a plan's steps up to its RETURN (or its end):
    /// a chain of row sources, and the RETURN step if there is one.
    func instantiate(_ steps: [PlanStep], input: Row) throws(C8Error) -> (source: any RowSource, output: (value: CompiledExpression, distinct: Bool)?) {
        var source: any RowSource = SingleRowSource(input)
        var rest = steps[...]
        // A plan that starts with a full scan collected straight away reads
        // only the collected attributes off the stored documents.
        if steps.count >= 2, case .enumerateCollection(let enumerate) = steps[0], case .collect(let collect) = steps[1],
           let fusion = ScanCollectSource.Fusion(enumerate, collect) {
            source = try ScanCollectSource(input: input, context: self, fusion: fusion)
            rest = steps[2...]
        }
        for step in rest {
            switch step {
            case .enumerateCollection(let enumerate):
                source = try EnumerateCollectionSource(
                    input: source, context: self, step: enumerate, rowsWanted: Self.rowsWanted(after: enumerate, in: steps))
            case .enumerateArray(let slot, let expression):
                source = EnumerateArraySource(input: source, context: self, slot: slot, source: expression)
            case .traversal(let traversal):
                source = try TraversalSource(input: source, context: self, step: traversal)
            case .shortestPath(let path):
                source = try ShortestPathSource(input: source, context: self, step: path)
            case .kShortestPaths(let path):
                source = try KShortestPathsSource(input: source, context: self, step: path)
            case .filter(let condition):
                source = FilterSource(input: source, context: self, condition: condition)
            case .let(let slot, let value):
                source = LetSource(input: source, context: self, slot: slot, value: value)
            case .sort(let keys, let limit):
                source = SortSource(input: source, context: self, keys: keys, limit: limit)
            case .limit(let offset, let count, let fullCount):
                source = LimitSource(input: source, context: self, offset: offset, count: count, fullCount: fullCount)
            case .collect(let collect):
                source = CollectSource(input: source, context: self, step: collect)
            case .modify(let modify):
                source = try ModifySource(input: source, context: self, step: modify)
            case .return(let value, let distinct):
                return (source, (value, distinct))
            }
        }
        return (source, nil)
    }

    /// How many rows the steps after `enumerate` take at most, when that is
    /// known before running: FILTERs, then a LIMIT without fullCount, as in
    /// `FOR d IN c FILTER … LIMIT 10` — the first batch of documents read
    /// behind an index then holds 10. Rejected rows only mean another batch.
    static func rowsWanted(after enumerate: EnumerateCollection, in steps: [PlanStep]) -> Int? {
        guard let position = steps.firstIndex(where: { step in
            if case .enumerateCollection(let e) = step { return e.slot == enumerate.slot }
            return false
        }) else { return nil }
        for step in steps[(position + 1)...] {
            switch step {
            case .filter: continue
            case .limit(let offset, let count, let fullCount):
                guard !fullCount, count > 0 else { return nil }
                let (total, overflow) = offset.addingReportingOverflow(count)
                return overflow ? nil : total
            default: return nil
            }
        }
        return nil
    }

    /// Runs a (sub)query to the end and returns what its RETURN yields.
    func run(_ steps: [PlanStep], input: Row) throws(C8Error) -> [JSON] {
        let output = try QueryOutput(context: self, steps: steps, input: input)
        var results: [JSON] = []
        // A subquery's results are held until it ends: they count
        // against the memory limit while it runs.
        var held = 0
        defer { release(held) }
        while let value = try output.next() {
            let size = value.estimatedResultBytes + 16
            try reserve(size)
            held += size
            results.append(value)
        }
        return results
    }
}

/// Pulls rows through a plan and evaluates its RETURN for each, dropping
/// repeats for RETURN DISTINCT. A plan without RETURN (a pure modification)
/// is drained and yields nothing.
final class QueryOutput {
    private let context: QueryContext
    private let source: any RowSource
    private let output: (value: CompiledExpression, distinct: Bool)?
    private var seen = Set<JSON>()

    init(context: QueryContext, steps: [PlanStep], input: Row) throws(C8Error) {
        self.context = context
        (source, output) = try context.instantiate(steps, input: input)
    }

    func next() throws(C8Error) -> JSON? {
        while let row = try source.next() {
            guard let output else { continue }
            let value = try context.evaluate(output.value, row)
            if output.distinct {
                guard seen.insert(value).inserted else { continue }
                try context.reserve(64)
            }
            return value
        }
        return nil
    }
}
