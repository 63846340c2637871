import C8Core
import C8Engine

/// One change a region made, as it travels to the other regions of its
/// fabric: numbered in the origin's order, with the origin's applied
/// vector at the time as its dependencies — a receiver applies it only
/// after everything the origin had seen when it made the change.
public struct ReplicationEntry: Sendable {
    public enum Operation: Sendable {
        case document(CollectionChange)
        case catalog(CatalogChange)
        case stream(StreamChange)
    }

    /// Index of the region that made the change.
    public let origin: Int
    /// Position in the origin's sequence of changes, from 1.
    public let sequence: UInt64
    /// What the origin had applied when it made the change (its own
    /// previous changes included).
    public let dependencies: VectorClock
    /// The change; nil in the copy sent to a region outside the change's
    /// fabric, which only counts it (its count of the origin's changes
    /// must stay contiguous for the changes that are its).
    public let operation: Operation?
    /// When the origin committed it (scheduler time, µs): lag is measured from here.
    public let committedMicros: UInt64

    var withoutOperation: ReplicationEntry {
        ReplicationEntry(origin: origin, sequence: sequence, dependencies: dependencies, operation: nil, committedMicros: committedMicros)
    }

    /// Whether `applied` holds everything this entry depends on and the
    /// origin's previous change.
    func isReady(at applied: VectorClock) -> Bool {
        applied[origin] == sequence - 1 && applied.covers(dependencies)
    }
}
