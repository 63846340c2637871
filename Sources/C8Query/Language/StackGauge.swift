/// How much call stack the parser has used since it started.
///
/// Recursive descent uses stack per nesting level, and how much depends on
/// the build (an unoptimized build uses many times more) and on the thread
/// (secondary threads often have 512 KiB). Counting levels alone cannot
/// be safe everywhere, so the parser also measures: the distance between
/// the address of a local variable now and at the start.
struct StackGauge {
    private let origin: UInt

    init() {
        origin = Self.currentAddress()
    }

    /// Bytes of stack between the start and the caller.
    var used: Int {
        let here = Self.currentAddress()
        return Int(bitPattern: origin &- here).magnitude > Int.max / 2 ? 0 : Int(bitPattern: origin &- here)
    }

    @inline(never)
    private static func currentAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }
}
