#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Byte-for-byte equality of the UTF-8 encodings.
    ///
    /// Swift's `==` treats canonically equivalent strings as equal ("é" and
    /// "e" + U+0301), which C8 does not; it is also slower on non-ASCII text.
    @inlinable
    public func utf8Equals(_ other: String) -> Bool {
        // Lengths first (O(1) for native strings): an object member lookup
        // compares the wanted key with every key before it, and most differ
        // in length — no buffer access, no memcmp.
        utf8.count == other.utf8.count && utf8Compare(other) == 0
    }

    /// Compares the UTF-8 encodings bytewise (= Unicode code point order):
    /// negative, zero or positive. This is C8QL's string order; Docs/DECISIONS.md
    /// says why it is not ICU collation.
    @inlinable
    public func utf8Compare(_ other: String) -> Int {
        var a = self
        var b = other
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                let n = min(pa.count, pb.count)
                if n > 0 {
                    let c = memcmp(pa.baseAddress!, pb.baseAddress!, n)
                    if c != 0 { return c < 0 ? -1 : 1 }
                }
                return pa.count == pb.count ? 0 : (pa.count < pb.count ? -1 : 1)
            }
        }
    }
}
