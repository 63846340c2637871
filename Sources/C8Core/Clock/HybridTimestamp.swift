import Foundation

/// A hybrid-logical-clock reading packed into 64 bits:
/// `(milliseconds since the Unix epoch << 20) | logical counter`.
///
/// Packing makes the timestamps plain integers: their numeric order is
/// causal order, they fit the `_rev` string and the replication log, and a
/// counter that runs past 2^20 − 1 simply carries into the next millisecond.
/// 44 bits of milliseconds last until the year 2527.
public struct HybridTimestamp: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Bits of the logical counter.
    public static let logicalBits = 20
    /// The largest logical counter value.
    public static let maximumLogical: UInt64 = (1 << 20) - 1
    /// The largest representable physical time.
    public static let maximumMilliseconds: UInt64 = UInt64.max >> 20

    public static let zero = HybridTimestamp(rawValue: 0)

    public let rawValue: UInt64

    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// Packs the parts; `milliseconds` is capped at ``maximumMilliseconds``
    /// and `logical` at ``maximumLogical``.
    public init(milliseconds: UInt64, logical: UInt64 = 0) {
        rawValue = min(milliseconds, Self.maximumMilliseconds) << UInt64(Self.logicalBits)
            | min(logical, Self.maximumLogical)
    }

    /// The physical part: milliseconds since the Unix epoch.
    public var milliseconds: UInt64 { rawValue >> UInt64(Self.logicalBits) }

    /// The logical part: how many events shared that millisecond before this one.
    public var logical: UInt64 { rawValue & Self.maximumLogical }

    /// The physical part as a date (what C8QL's `DECODE_REV` reports).
    public var date: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    public static func < (lhs: HybridTimestamp, rhs: HybridTimestamp) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "\(milliseconds).\(logical)" }
}
