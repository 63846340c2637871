/// Comparison whose duration does not depend on where inputs differ.
///
/// Checking a MAC or token with `==` stops at the first differing byte, and
/// the timing tells an attacker how much of a forgery was right.
public enum ConstantTime {
    /// Whether `a` and `b` hold the same bytes. The time depends only on the
    /// lengths (which are not secret for MACs and tokens of fixed size).
    public static func equals(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
