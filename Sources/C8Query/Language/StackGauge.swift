import Foundation

/// How much call stack the parser may use, measured rather than guessed.
///
/// Recursive descent uses stack per nesting level, and how much depends on
/// the build (an unoptimized build uses ten times more) and on the thread
/// (8 MiB for the main thread, often 512 KiB for others). Counting levels
/// alone cannot be safe everywhere, so the parser also measures the
/// distance between the address of a local variable now and at the start,
/// and stops at half the thread's stack size — the other half is left for
/// whatever called the parser and whatever runs after it refuses.
struct StackGauge {
    /// The budget when the thread does not report its stack size: safe on
    /// a 512 KiB thread.
    static let fallbackBudget = 256 * 1024

    private let origin: UInt
    /// Bytes the parser may use below the start.
    let budget: Int

    init() {
        origin = Self.currentAddress()
        let size = Thread.current.stackSize
        budget = size > 0 ? size / 2 : Self.fallbackBudget
    }

    /// Bytes of stack used between the start and the caller.
    var used: Int {
        let here = Self.currentAddress()
        return here < origin ? Int(origin - here) : 0
    }

    var isExhausted: Bool { used > budget }

    @inline(never)
    private static func currentAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }
}
