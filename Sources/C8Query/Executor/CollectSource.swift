import C8Core
import Foundation

/// `COLLECT`: groups its input by the group values (C8QL equality), feeds
/// the aggregates, and hands out one row per group in group-key order.
final class CollectSource: RowSource {
    private let input: any RowSource
    private let context: QueryContext
    private let step: CollectStep
    private var output: [Row]?
    private var position = 0

    init(input: any RowSource, context: QueryContext, step: CollectStep) {
        self.input = input
        self.context = context
        self.step = step
    }

    func next() throws(C8Error) -> Row? {
        if output == nil { output = try collect() }
        guard let rows = output, position < rows.count else { return nil }
        defer { position += 1 }
        return rows[position]
    }

    /// The dictionary key of a row's group: with one group expression its
    /// value itself (no array built per input row — a scan feeds millions),
    /// else the array of the values. Either maps group keys one to one.
    private func groupKey(_ row: Row) throws(C8Error) -> JSON {
        if step.groups.count == 1 { return try context.evaluate(step.groups[0].value, row) }
        var key: [JSON] = []
        key.reserveCapacity(step.groups.count)
        for group in step.groups { key.append(try context.evaluate(group.value, row)) }
        return .array(key)
    }

    private func collect() throws(C8Error) -> [Row] {
        var groups = CollectGroups(step: step)
        defer { context.release(groups.reserved) }
        while let row = try input.next() {
            let group = try groups.group(for: try groupKey(row), template: row, context: context)
            group.count += 1
            for (i, aggregate) in step.aggregates.enumerated() {
                group.accumulators[i].add(try context.evaluate(aggregate.argument, row))
            }
            if let into = step.into {
                let value: JSON
                if let projection = into.projection {
                    value = try context.evaluate(projection, row)
                } else {
                    var object = JSONObject(minimumCapacity: into.variables.count)
                    for variable in into.variables { object[variable.name] = row[variable.slot] }
                    value = .object(object)
                }
                group.into.append(value)
                try groups.reserve(64, context: context)
            }
        }
        return groups.rows(slotCount: context.slotCount)
    }
}

/// The running state of one AGGREGATE function; null inputs are ignored
/// except by LENGTH, as in ArangoDB.
struct AggregateAccumulator {
    let function: Aggregator
    private var count = 0
    private var numbers: Int = 0
    private var sum = 0.0
    // Welford's running mean and sum of squared deviations: stable where a
    // plain sum of squares loses every digit.
    private var mean = 0.0
    private var squaredDeviations = 0.0
    private var minimum: JSON?
    private var maximum: JSON?
    private var distinct: [JSON] = []
    private var seen = Set<JSON>()

    init(_ function: Aggregator) { self.function = function }

    mutating func add(_ value: JSON) {
        count += 1
        switch function {
        case .length:
            break
        case .min:
            if !value.isNull, minimum.map({ JSON.compare(value, $0) < 0 }) ?? true { minimum = value }
        case .max:
            if !value.isNull, maximum.map({ JSON.compare(value, $0) > 0 }) ?? true { maximum = value }
        case .sum, .average:
            guard !value.isNull else { return }
            numbers += 1
            sum += value.toDouble
        case .stddevPopulation, .stddevSample, .variancePopulation, .varianceSample:
            guard !value.isNull else { return }
            let d = value.toDouble
            numbers += 1
            sum += d
            let delta = d - mean
            mean += delta / Double(numbers)
            squaredDeviations += delta * (d - mean)
        case .unique, .sortedUnique, .countDistinct:
            guard !value.isNull else { return }
            if seen.insert(value).inserted { distinct.append(value) }
        }
    }

    var result: JSON {
        switch function {
        case .length: return .int(Int64(count))
        case .min: return minimum ?? .null
        case .max: return maximum ?? .null
        case .sum: return .number(sum)
        case .average: return numbers == 0 ? .null : .number(sum / Double(numbers))
        case .variancePopulation: return variance(sample: false)
        case .varianceSample: return variance(sample: true)
        case .stddevPopulation: return Self.root(variance(sample: false))
        case .stddevSample: return Self.root(variance(sample: true))
        case .unique: return .array(distinct)
        case .sortedUnique: return .array(distinct.sorted { JSON.compare($0, $1) < 0 })
        case .countDistinct: return .int(Int64(distinct.count))
        }
    }

    private func variance(sample: Bool) -> JSON {
        guard numbers > (sample ? 1 : 0) else { return .null }
        let n = Double(numbers)
        return .number(squaredDeviations / (sample ? n - 1 : n))
    }

    private static func root(_ value: JSON) -> JSON {
        guard let d = value.doubleValue else { return .null }
        return .number(d.squareRoot())
    }
}
