import C8Core

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// C8QL's numeric functions. Arguments are cast with TO_NUMBER; a result
/// that is not a finite number becomes null, without a warning (ArangoDB's
/// `numberValue(…, nullify: true)`).
enum NumericFunctions {
    static let definitions: [FunctionDefinition] = math + NumericAggregateFunctions.definitions

    private static let math: [FunctionDefinition] = [
        unary("ABS") { abs($0) },
        unary("CEIL") { ceil($0) },
        unary("FLOOR") { floor($0) },
        // ArangoDB rounds half up, also for negative numbers: ROUND(-2.5) is -2.
        unary("ROUND") { floor($0 + 0.5) },
        unary("SQRT") { sqrt($0) },
        unary("EXP") { exp($0) },
        unary("EXP2") { exp2($0) },
        unary("LOG") { log($0) },
        unary("LOG2") { log2($0) },
        unary("LOG10") { log10($0) },
        unary("SIN") { sin($0) },
        unary("COS") { cos($0) },
        unary("TAN") { tan($0) },
        unary("ASIN") { asin($0) },
        unary("ACOS") { acos($0) },
        unary("ATAN") { atan($0) },
        unary("RADIANS") { $0 * (Double.pi / 180) },
        unary("DEGREES") { $0 * (180 / Double.pi) },
        binary("POW") { pow($0, $1) },
        binary("ATAN2") { atan2($0, $1) },
        FunctionDefinition("PI", 0...0, .numeric) { _ in .double(Double.pi) },
        FunctionDefinition("RAND", 0...0, .numeric, deterministic: false) { _ in .double(Double.random(in: 0..<1)) },
        FunctionDefinition("RANGE", 2...3, .numeric) { call throws(C8Error) in try range(call) },
    ]

    private static func unary(_ name: String, _ f: @escaping @Sendable (Double) -> Double) -> FunctionDefinition {
        FunctionDefinition(name, 1...1, .numeric) { call in .finite(f(call.double(0))) }
    }

    private static func binary(_ name: String, _ f: @escaping @Sendable (Double, Double) -> Double) -> FunctionDefinition {
        FunctionDefinition(name, 2...2, .numeric) { call in .finite(f(call.double(0), call.double(1))) }
    }

    /// The most elements RANGE materializes (ArangoDB's
    /// `Range::throwIfTooBigForMaterialization` bound).
    static let maximumRangeLength = 10_000_000

    /// RANGE(start, stop[, step]). Without a step (or a null one), the
    /// integers from start to stop (both truncated), counting down when
    /// stop < start. With a step, doubles from start while ≤ stop (≥ stop
    /// for a negative step), accumulated by repeated addition as ArangoDB
    /// does; a zero step or one pointing away from stop is invalid.
    private static func range(_ call: FunctionCall) throws(C8Error) -> JSON {
        if !call.has(2) || call[2].isNull {
            let from = call.integer(0)
            let to = call.integer(1)
            let (span, overflow) = from <= to ? to.subtractingReportingOverflow(from) : from.subtractingReportingOverflow(to)
            guard !overflow, span < maximumRangeLength else {
                throw C8Error(.resourceLimit, detail: "range too big to materialize")
            }
            let values = from <= to ? Array(from...to) : Array((to...from).reversed())
            return .array(values.map { .integer($0) })
        }
        var value = call.double(0)
        let to = call.double(1)
        let step = call.double(2)
        guard step != 0, !(value < to && step < 0), !(value > to && step > 0) else { return call.invalidArgument() }
        guard abs((to - value) / step) < Double(maximumRangeLength) else {
            throw C8Error(.resourceLimit, detail: "range too big to materialize")
        }
        var values: [JSON] = []
        if step < 0 {
            while value >= to { values.append(.number(value)); value += step }
        } else {
            while value <= to { values.append(.number(value)); value += step }
        }
        return .array(values)
    }
}
