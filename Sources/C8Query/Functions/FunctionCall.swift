import C8Core

/// One evaluation of a C8QL function: its name, its evaluated arguments and
/// the environment, plus the argument reading and warning helpers every
/// implementation shares.
///
/// Functions follow ArangoDB's conventions: a missing optional argument
/// reads as null, casts use C8QL's rules (JSON+Casts), and a bad argument
/// makes a warning and a null result rather than an error.
struct FunctionCall {
    let name: String
    let arguments: [JSON]
    let environment: any FunctionEnvironment

    var count: Int { arguments.count }

    /// The argument at `index`, null when it was not given.
    subscript(index: Int) -> JSON { index < arguments.count ? arguments[index] : .null }

    func has(_ index: Int) -> Bool { index < arguments.count }

    /// TO_STRING of the argument.
    func string(_ index: Int) -> String { self[index].toStringValue }

    /// TO_NUMBER of the argument as a double.
    func double(_ index: Int) -> Double { self[index].toDouble }

    /// TO_NUMBER of the argument truncated to an integer (ArangoDB's
    /// `toInt64`).
    func integer(_ index: Int) -> Int { JSON.truncatedInteger(self[index].toDouble) }

    /// TO_BOOL of the argument, or `defaultValue` when it was not given.
    func bool(_ index: Int, default defaultValue: Bool = false) -> Bool {
        has(index) ? self[index].toBool : defaultValue
    }

    // MARK: Warnings

    /// Records 1542 "invalid argument type in call to function 'X()'" and
    /// returns null, the usual answer to an argument of the wrong type.
    func invalidArgument() -> JSON {
        environment.warn(.queryFunctionArgumentTypeMismatch,
                         ErrorCode.queryFunctionArgumentTypeMismatch.message(arguments: [name]))
        return .null
    }

    /// Records 1541 with the argument counts a form of the function
    /// accepts (SUBSTITUTE's object form takes at most 3) and returns null.
    func argumentCountWarning(_ accepted: ClosedRange<Int>) -> JSON {
        environment.warn(.queryFunctionArgumentNumberMismatch,
                         ErrorCode.queryFunctionArgumentNumberMismatch.message(
                             arguments: [name, String(accepted.lowerBound), String(accepted.upperBound)]))
        return .null
    }

    /// Records `code` as "in function 'X()': message" and returns null.
    func warning(_ code: ErrorCode, _ detail: String? = nil) -> JSON {
        environment.warn(code, "in function '\(name)()': " + (detail ?? code.defaultMessage))
        return .null
    }

    /// The error ArangoDB throws (rather than warns) for a bad argument.
    func invalidArgumentError() -> C8Error {
        C8Error(.queryFunctionArgumentTypeMismatch, arguments: [name])
    }
}

extension JSON {
    /// A number result: null when the computation left the finite doubles
    /// (C8QL never returns NaN or infinity).
    static func finite(_ value: Double) -> JSON {
        value.isFinite ? .number(value) : .null
    }

    /// A double truncated toward zero into `Int`, saturating; NaN is 0.
    static func truncatedInteger(_ value: Double) -> Int {
        guard !value.isNaN else { return 0 }
        if value >= 9.2e18 { return Int.max }
        if value <= -9.2e18 { return Int.min }
        return Int(value.rounded(.towardZero))
    }

    /// An integer result.
    static func integer(_ value: Int) -> JSON { .int(Int64(value)) }
}
