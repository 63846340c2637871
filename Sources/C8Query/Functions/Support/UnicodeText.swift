/// Character-position string operations for C8QL.
///
/// Decision: C8QL string functions count **Unicode scalars** (code points).
/// ArangoDB counts through ICU's UTF-16 `UnicodeString` with code-point
/// moves (`moveIndex32`), which gives the same answers as code points for
/// every character outside the astral planes and for most inside them;
/// Swift's grapheme clusters would instead treat "e" + U+0301 as one
/// character, which ArangoDB never does. So LENGTH("ä") is 1, a flag emoji
/// (two regional indicators) is 2.
struct UnicodeText {
    let scalars: [Unicode.Scalar]

    init(_ string: String) { scalars = Array(string.unicodeScalars) }

    init(scalars: some Sequence<Unicode.Scalar>) { self.scalars = Array(scalars) }

    var count: Int { scalars.count }

    var string: String { Self.string(scalars[...]) }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// The scalars in `range`, clamped to the text.
    func substring(_ range: Range<Int>) -> String {
        let lower = min(max(range.lowerBound, 0), count)
        let upper = min(max(range.upperBound, lower), count)
        return Self.string(scalars[lower..<upper])
    }

    /// Start positions of every occurrence of `needle` (non-overlapping
    /// when `overlapping` is false), in scalar positions.
    func occurrences(of needle: UnicodeText, overlapping: Bool) -> [Int] {
        guard needle.count > 0, needle.count <= count else { return [] }
        var found: [Int] = []
        var i = 0
        while i + needle.count <= count {
            if matches(needle, at: i) {
                found.append(i)
                i += overlapping ? 1 : needle.count
            } else {
                i += 1
            }
        }
        return found
    }

    /// The first occurrence of `needle` at or after `start`.
    func firstIndex(of needle: UnicodeText, from start: Int = 0) -> Int? {
        guard needle.count <= count else { return nil }
        var i = max(start, 0)
        while i + needle.count <= count {
            if matches(needle, at: i) { return i }
            i += 1
        }
        return nil
    }

    func matches(_ needle: UnicodeText, at position: Int) -> Bool {
        guard position >= 0, position + needle.count <= count else { return false }
        for j in 0..<needle.count where scalars[position + j] != needle.scalars[j] { return false }
        return true
    }
}
