import C8Core

/// MIN, MAX, SUM, AVERAGE, PRODUCT, MEDIAN, PERCENTILE and the variance
/// family: functions over an array that ignore its null elements.
///
/// Their edge cases follow ArangoDB's engine: a non-array argument makes
/// warning 1563 and null; MIN/MAX/AVERAGE/MEDIAN of no numbers are null
/// but SUM is 0 and PRODUCT 1; SUM/PRODUCT give null for any non-number
/// element, AVERAGE warns 1563, the statistics functions warn 1561.
enum NumericAggregateFunctions {
    static let definitions: [FunctionDefinition] = {
        let averageDefinition = aggregate("AVERAGE", average)
        let variancePopulation = statistic("VARIANCE_POPULATION", minimumCount: 1) { $0 / Double($1) }
        let stddevPopulation = statistic("STDDEV_POPULATION", minimumCount: 1) { ($0 / Double($1)).squareRoot() }
        return [
            aggregate("MIN") { _, values in extreme(values, wanted: -1) },
            aggregate("MAX") { _, values in extreme(values, wanted: 1) },
            aggregate("SUM") { _, values in fold(values, 0, +) },
            aggregate("PRODUCT") { _, values in fold(values, 1, *) },
            averageDefinition, averageDefinition.aliased(as: "AVG"),
            aggregate("MEDIAN", median),
            FunctionDefinition("PERCENTILE", 2...3, .numeric) { call in percentile(call) },
            variancePopulation, variancePopulation.aliased(as: "VARIANCE"),
            statistic("VARIANCE_SAMPLE", minimumCount: 2) { $0 / Double($1 - 1) },
            stddevPopulation, stddevPopulation.aliased(as: "STDDEV"),
            statistic("STDDEV_SAMPLE", minimumCount: 2) { ($0 / Double($1 - 1)).squareRoot() },
        ]
    }()

    /// A one-argument function of an array; a non-array warns 1563.
    private static func aggregate(
        _ name: String, _ body: @escaping @Sendable (FunctionCall, [JSON]) -> JSON
    ) -> FunctionDefinition {
        FunctionDefinition(name, 1...1, .numeric) { call in
            guard case .array(let values) = call[0] else { return call.warning(.queryArrayExpected) }
            return body(call, values)
        }
    }

    /// MIN (`wanted` -1) or MAX (1) in C8QL order, nulls skipped.
    private static func extreme(_ values: [JSON], wanted: Int) -> JSON {
        var best: JSON?
        for value in values where !value.isNull {
            if let current = best, JSON.compare(value, current) != wanted { continue }
            best = value
        }
        return best ?? .null
    }

    /// SUM and PRODUCT: an overflow to infinity yields 0, as in ArangoDB
    /// (`numberValue(…, nullify: false)`).
    private static func fold(_ values: [JSON], _ initial: Double, _ combine: (Double, Double) -> Double) -> JSON {
        var result = initial
        for value in values where !value.isNull {
            guard let number = value.doubleValue else { return .null }
            result = combine(result, number)
        }
        return result.isFinite ? .number(result) : .int(0)
    }

    private static func average(_ call: FunctionCall, _ values: [JSON]) -> JSON {
        var sum = 0.0
        var count = 0
        for value in values where !value.isNull {
            guard let number = value.doubleValue else { return call.warning(.queryArrayExpected) }
            sum += number
            count += 1
        }
        return count > 0 ? .finite(sum / Double(count)) : .null
    }

    /// The non-null elements as numbers, sorted; nil (after warning 1561)
    /// when one is not a number.
    private static func sortedNumbers(_ call: FunctionCall, _ values: [JSON]) -> [Double]? {
        var numbers: [Double] = []
        for value in values where !value.isNull {
            guard let number = value.doubleValue else {
                _ = call.warning(.queryInvalidArithmeticValue)
                return nil
            }
            numbers.append(number)
        }
        return numbers.sorted()
    }

    private static func median(_ call: FunctionCall, _ values: [JSON]) -> JSON {
        guard let numbers = sortedNumbers(call, values) else { return .null }
        guard !numbers.isEmpty else { return .null }
        let middle = numbers.count / 2
        return .finite(numbers.count % 2 == 0 ? (numbers[middle - 1] + numbers[middle]) / 2 : numbers[middle])
    }

    /// PERCENTILE(array, p[, "rank" | "interpolation"]) with 0 < p ≤ 100,
    /// ArangoDB's definitions: rank is the element at ⌈p·n/100⌉;
    /// interpolation works on position p·(n+1)/100 and gives null below the
    /// first element.
    private static func percentile(_ call: FunctionCall) -> JSON {
        guard case .array(let values) = call[0] else { return call.warning(.queryArrayExpected) }
        guard let p = call[1].doubleValue, p > 0, p <= 100 else { return call.invalidArgument() }
        var interpolate = false
        if call.has(2) {
            switch call[2].stringValue {
            case "interpolation": interpolate = true
            case "rank": interpolate = false
            default: return call.invalidArgument()
            }
        }
        guard let numbers = sortedNumbers(call, values) else { return .null }
        let n = numbers.count
        guard n > 0 else { return .null }
        if n == 1 { return .finite(numbers[0]) }
        if interpolate {
            let index = p * Double(n + 1) / 100
            let position = index.rounded(.down)
            if position >= Double(n) { return .finite(numbers[n - 1]) }
            if position <= 0 { return .null }
            let i = Int(position)
            return .finite((index - position) * (numbers[i] - numbers[i - 1]) + numbers[i - 1])
        }
        let position = (p * Double(n) / 100).rounded(.up)
        if position >= Double(n) { return .finite(numbers[n - 1]) }
        if position <= 0 { return .null }
        return .finite(numbers[Int(position) - 1])
    }

    /// A variance-family function: `finish(sumOfSquaredDeviations, count)`
    /// once at least `minimumCount` numbers were seen (Welford's update, as
    /// ArangoDB computes it).
    private static func statistic(
        _ name: String, minimumCount: Int, _ finish: @escaping @Sendable (Double, Int) -> Double
    ) -> FunctionDefinition {
        aggregate(name) { call, values in
            var mean = 0.0
            var squares = 0.0
            var count = 0
            for value in values where !value.isNull {
                guard let x = value.doubleValue else { return call.warning(.queryInvalidArithmeticValue) }
                count += 1
                let delta = x - mean
                mean += delta / Double(count)
                squares += delta * (x - mean)
            }
            return count >= minimumCount ? .finite(finish(squares, count)) : .null
        }
    }
}
