/// Changes that storage applies all together or not at all.
public struct WriteBatch: Sendable {
    public enum Operation: Sendable {
        case put(key: [UInt8], value: [UInt8])
        case delete(key: [UInt8])
        /// Removes every key in `[start, end)`.
        case deleteRange(start: [UInt8], end: [UInt8])
    }

    public private(set) var operations: [Operation] = []

    public init() {}

    public var isEmpty: Bool { operations.isEmpty }
    public var count: Int { operations.count }

    public mutating func put(_ key: [UInt8], _ value: [UInt8]) {
        operations.append(.put(key: key, value: value))
    }

    public mutating func delete(_ key: [UInt8]) {
        operations.append(.delete(key: key))
    }

    public mutating func deleteRange(_ range: KeyRange) {
        operations.append(.deleteRange(start: range.lowerBound, end: range.upperBound))
    }

    public mutating func append(contentsOf other: WriteBatch) {
        operations.append(contentsOf: other.operations)
    }
}
