import C8Core

/// What `extra.stats` reports about a query run.
public struct QueryStatistics: Sendable {
    public var writesExecuted = 0
    public var writesIgnored = 0
    public var scannedFull = 0
    public var scannedIndex = 0
    public var filtered = 0
    public var executionTime = 0.0
    public var peakMemoryUsage = 0
    /// Rows before the last top-level LIMIT, when `fullCount` was asked.
    public var fullCount: Int?

    public init() {}

    public var json: JSON {
        var object = JSONObject()
        object["writesExecuted"] = .int(Int64(writesExecuted))
        object["writesIgnored"] = .int(Int64(writesIgnored))
        object["scannedFull"] = .int(Int64(scannedFull))
        object["scannedIndex"] = .int(Int64(scannedIndex))
        object["filtered"] = .int(Int64(filtered))
        object["httpRequests"] = 0
        object["executionTime"] = .double(executionTime)
        object["peakMemoryUsage"] = .int(Int64(peakMemoryUsage))
        if let fullCount { object["fullCount"] = .int(Int64(fullCount)) }
        return .object(object)
    }
}

/// A warning raised while the query ran (`extra.warnings`).
public struct QueryWarning: Sendable, Equatable {
    public var code: Int
    public var message: String

    public var json: JSON { ["code": .int(Int64(code)), "message": .string(message)] }
}
