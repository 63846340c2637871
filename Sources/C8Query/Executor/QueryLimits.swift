import C8Core

/// Server-wide bounds on queries (`c8 serve --query-memory-limit`,
/// `--query-max-runtime`, `--query-max-result-bytes`): the defaults of
/// ArangoDB's per-query options `memoryLimit` and `maxRuntime`, and the
/// most a query may ask for, as ArangoDB's `--query.memory-limit` and
/// `--query.max-runtime` are.
public struct QueryLimits: Sendable, Equatable {
    /// Bytes a query's materializing steps (SORT, COLLECT, DISTINCT,
    /// subqueries, ranges) may hold; a query may ask for less, not more.
    /// Past it: 400, errorNum 32 (resource limit).
    public var memoryLimit: Int
    /// Seconds a query may run, 0 for no bound; a query may ask for less,
    /// not more. Past it the query is killed: 410, errorNum 1500.
    public var maxRuntime: Double
    /// Bytes of results held at once (roughly their JSON size): a cursor
    /// batch ends early once this much is in it, and a result fetched
    /// whole (`count: true`, exports) or a single result larger than this
    /// fails with errorNum 32.
    public var maxResultBytes: Int

    public static let defaultMemoryLimit = 256 << 20
    public static let defaultMaxResultBytes = 256 << 20

    public init(memoryLimit: Int = QueryLimits.defaultMemoryLimit, maxRuntime: Double = 0,
                maxResultBytes: Int = QueryLimits.defaultMaxResultBytes) {
        self.memoryLimit = memoryLimit
        self.maxRuntime = maxRuntime
        self.maxResultBytes = maxResultBytes
    }

    /// `options` within these limits: what the query did not ask for is
    /// the server's default, what it asked for above the limit is cut to it.
    public func applied(to options: QueryOptions) -> QueryOptions {
        var options = options
        options.memoryLimit = options.memoryLimitRequested.map { min($0, memoryLimit) } ?? memoryLimit
        if maxRuntime > 0 {
            options.maxRuntime = options.maxRuntime > 0 ? min(options.maxRuntime, maxRuntime) : maxRuntime
        }
        options.maxResultBytes = min(options.maxResultBytes, maxResultBytes)
        return options
    }
}

extension JSON {
    /// Roughly how many bytes this value takes as JSON text (and, within a
    /// small factor, in memory): what result limits count.
    var estimatedResultBytes: Int {
        switch self {
        case .null, .bool: return 5
        case .int, .double: return 12
        case .string(let string): return string.utf8.count + 2
        // Elements are read through the buffer, not copied out one by one
        // (a copy retains and releases each value: every result row of a
        // query passes through here).
        case .array(let elements):
            return elements.withUnsafeBufferPointer { elements in
                var total = 2
                for i in elements.indices { total += elements[i].estimatedResultBytes + 1 }
                return total
            }
        case .object(let object):
            // An object still in its binary form: its text is about a
            // quarter longer (quotes, colons, commas, digits).
            if let bytes = object.binaryBytes { return bytes.count + bytes.count / 4 + 2 }
            return object.members.withUnsafeBufferPointer { members in
                var total = 2
                for i in members.indices { total += members[i].key.utf8.count + 4 + members[i].value.estimatedResultBytes }
                return total
            }
        }
    }
}
