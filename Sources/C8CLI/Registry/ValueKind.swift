/// What an option's value must look like, so malformed input is a usage
/// error (exit 2) at parse time instead of a runtime failure deep inside a
/// command.
public enum ValueKind: Sendable, Hashable {
    /// Any non-empty text.
    case text
    /// A decimal integer within the range, e.g. a port in `0...65535`.
    case integer(ClosedRange<Int>)
    /// One of a fixed set of words, e.g. `earliest` or `latest`; compared
    /// exactly, so commands can switch on the value.
    case choice([String])

    /// Why `value` is unacceptable, phrased to follow "needs ...", or nil
    /// when it is fine.
    func problem(with value: String) -> String? {
        switch self {
        case .text:
            return nil
        case .integer(let range):
            if let number = Int(value), range.contains(number) { return nil }
            if range.upperBound == Int.max {
                return "an integer of at least \(range.lowerBound)"
            }
            return "an integer from \(range.lowerBound) to \(range.upperBound)"
        case .choice(let words):
            return words.contains(value) ? nil : "one of " + words.joined(separator: ", ")
        }
    }
}
