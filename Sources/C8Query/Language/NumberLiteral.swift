import C8Core

/// The value of a number literal, typed the way ArangoDB's lexer types it.
enum NumberLiteral {
    /// `.int` for an integer literal (no fraction, no exponent) that fits in
    /// 64 bits, `.double` for every other literal; nil when the value is
    /// beyond the range of a double, which ArangoDB reports as warning 1504
    /// and replaces with `null`.
    static func value(of text: String, isInteger: Bool) -> JSON? {
        if isInteger, let integer = Int64(text) { return .int(integer) }
        guard let double = Double(text), double.isFinite else { return nil }
        return .double(double)
    }

    /// `-literal`, exact where the integer allows it. `-9223372036854775808`
    /// arrives here as the double 2^63 and becomes Int64.min again.
    static func negate(_ value: JSON) -> JSON? {
        switch value {
        case .int(let integer):
            let (negated, overflow) = Int64(0).subtractingReportingOverflow(integer)
            return overflow ? .double(-Double(integer)) : .int(negated)
        case .double(let double):
            if double == 9_223_372_036_854_775_808 { return .int(.min) }
            return .double(-double)
        default:
            return nil
        }
    }
}
