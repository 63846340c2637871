/// A half-open range of keys `[lowerBound, upperBound)` in byte order.
public struct KeyRange: Sendable, Hashable {
    public var lowerBound: [UInt8]
    public var upperBound: [UInt8]

    public init(_ lowerBound: [UInt8], _ upperBound: [UInt8]) {
        self.lowerBound = lowerBound
        self.upperBound = upperBound
    }

    /// Every key that starts with `prefix`.
    public init(prefix: [UInt8]) {
        self.lowerBound = prefix
        self.upperBound = KeyRange.successor(ofPrefix: prefix)
    }

    public func contains(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        Bytes.compare(key, lowerBound) >= 0 && Bytes.compare(key, upperBound) < 0
    }

    /// The smallest key greater than every key that starts with `prefix`:
    /// the prefix with its last non-0xFF byte incremented. An all-0xFF prefix
    /// has no successor; the range then ends at the largest possible key.
    public static func successor(ofPrefix prefix: [UInt8]) -> [UInt8] {
        var bytes = prefix
        while let last = bytes.last {
            if last < 0xFF {
                bytes[bytes.count - 1] = last + 1
                return bytes
            }
            bytes.removeLast()
        }
        return [UInt8](repeating: 0xFF, count: prefix.count + 8)
    }
}
