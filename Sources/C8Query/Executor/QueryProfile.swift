import C8Core
import Dispatch

/// Where a query's time went, phase by phase, in seconds: `extra.profile`
/// of a cursor when `options.profile` is set, with ArangoDB's phase names.
///
/// c8 parses, then plans in one pass (ArangoDB's "optimizing ast",
/// "loading collections" and "optimizing plan" together, reported as the
/// last); "instantiating plan" builds the row sources; "executing" is the
/// time spent producing rows — a modifying query runs to its end there
/// before its first result — and "finalizing" the bookkeeping once done.
public struct QueryProfile: Sendable, Equatable {
    public var parsing = 0.0
    public var optimizingPlan = 0.0
    public var instantiatingPlan = 0.0
    public var executing = 0.0
    public var finalizing = 0.0

    public init() {}

    public var json: JSON {
        [
            "parsing": .double(parsing), "optimizing plan": .double(optimizingPlan),
            "instantiating plan": .double(instantiatingPlan), "executing": .double(executing),
            "finalizing": .double(finalizing),
        ]
    }

    /// Seconds from `start` until now.
    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
