import C8Core
import Foundation
import Synchronization

/// A query's results handed out in batches (`POST /_api/cursor`, then
/// `PUT /_api/cursor/{id}` until `hasMore` is false).
public final class QueryCursor: @unchecked Sendable {
    // @unchecked: a cursor is used by one request at a time (the store's
    // `busy` flag guarantees it).
    public let id: String
    public let batchSize: Int
    public let timeToLive: Double
    let run: QueryRun
    /// Set when `count` was asked: the results were fetched up front.
    public let count: Int?
    private var prefetched: [JSON]?
    private var pending: JSON?
    fileprivate var expires: Date
    fileprivate var busy = false

    init(id: String, run: QueryRun, batchSize: Int, timeToLive: Double, count: Bool) throws(C8Error) {
        self.id = id
        self.run = run
        self.batchSize = batchSize
        self.timeToLive = timeToLive
        expires = Date().addingTimeInterval(timeToLive)
        if count {
            let all = try run.all()
            prefetched = all
            self.count = all.count
        } else {
            self.count = nil
        }
    }

    /// The next batch and whether more follow.
    public func nextBatch() throws(C8Error) -> (results: [JSON], hasMore: Bool) {
        expires = Date().addingTimeInterval(timeToLive)
        if var rest = prefetched {
            let batch = Array(rest.prefix(batchSize))
            rest.removeFirst(batch.count)
            prefetched = rest
            return (batch, !rest.isEmpty)
        }
        // A batch ends early once it holds `maxResultBytes`, so a batch of
        // huge rows stays bounded; one row above it fails (32).
        let limit = run.maxResultBytes
        var batch: [JSON] = []
        var bytes = 0
        func take(_ value: JSON) throws(C8Error) -> Bool {
            let size = value.estimatedResultBytes
            if size > limit {
                run.close()
                throw C8Error(.resourceLimit, "a query result of \(size) bytes is larger than \(limit) bytes (maxResultBytes)")
            }
            if !batch.isEmpty && bytes + size > limit {
                pending = value
                return false
            }
            bytes += size
            batch.append(value)
            return true
        }
        if let waiting = pending {
            pending = nil
            _ = try take(waiting)
        }
        while batch.count < batchSize, pending == nil, let value = try run.next() {
            guard try take(value) else { break }
        }
        // Look one ahead so hasMore is exact.
        if pending == nil { pending = try run.next() }
        return (batch, pending != nil)
    }

    public var statistics: QueryStatistics { run.statistics }
    public var warnings: [QueryWarning] { run.warnings }

    /// The cursor response body: `{result, hasMore, id?, count?, cached, extra}`.
    public func response(_ batch: (results: [JSON], hasMore: Bool)) -> JSON {
        var object = JSONObject()
        object["result"] = .array(batch.results)
        object["hasMore"] = .bool(batch.hasMore)
        if batch.hasMore { object["id"] = .string(id) }
        if let count { object["count"] = .int(Int64(count)) }
        object["cached"] = false
        var extra: JSONObject = ["stats": statistics.json, "warnings": .array(warnings.map(\.json))]
        if run.isProfiled { extra["profile"] = run.profile.json }
        object["extra"] = .object(extra)
        return .object(object)
    }
}

/// The open cursors of a query engine, freed when exhausted, deleted, or
/// idle past their time to live.
public final class CursorStore: Sendable {
    public let defaultTimeToLive: Double
    public static let maximumBatchSize = 1000
    private let cursors = Mutex<[String: QueryCursor]>([:])
    private let nextId = Atomic<Int>(1)
    /// Frees idle cursors even when no request comes to notice them.
    private nonisolated(unsafe) let sweeper: DispatchSourceTimer

    init(defaultTimeToLive: Double) {
        self.defaultTimeToLive = defaultTimeToLive
        sweeper = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "c8.cursor-sweeper", qos: .utility))
        let interval = max(1, min(defaultTimeToLive / 4, 5))
        sweeper.schedule(deadline: .now() + interval, repeating: interval)
        sweeper.setEventHandler { [weak self] in self?.expire() }
        sweeper.resume()
    }

    deinit {
        sweeper.cancel()
    }

    /// Opens a cursor over a started query and returns its first batch.
    public func open(_ run: QueryRun, batchSize: Int = 100, timeToLive: Double? = nil, count: Bool = false) throws(C8Error) -> (cursor: QueryCursor, body: JSON) {
        expire()
        guard batchSize > 0 else { throw C8Error(.badParameter, "batchSize must be positive") }
        let size = min(batchSize, Self.maximumBatchSize)
        let id = String(nextId.wrappingAdd(1, ordering: .relaxed).oldValue)
        let cursor = try QueryCursor(id: id, run: run, batchSize: size, timeToLive: timeToLive ?? defaultTimeToLive, count: count)
        let batch = try cursor.nextBatch()
        if batch.hasMore {
            cursors.withLock { $0[id] = cursor }
        } else {
            run.close()
        }
        return (cursor, cursor.response(batch))
    }

    /// The next batch of cursor `id`; the cursor is freed after its last.
    /// - Throws: 1600 for an unknown or expired cursor, 1601 while another
    ///   request is reading it.
    public func next(_ id: String) throws(C8Error) -> JSON {
        expire()
        let cursor = try cursors.withLock { cursors throws(C8Error) -> QueryCursor in
            guard let cursor = cursors[id] else { throw C8Error(.cursorNotFound, detail: id) }
            guard !cursor.busy else { throw C8Error(.cursorBusy, detail: id) }
            cursor.busy = true
            return cursor
        }
        defer { cursors.withLock { _ in cursor.busy = false } }
        do throws(C8Error) {
            let batch = try cursor.nextBatch()
            if !batch.hasMore { remove(id) }
            return cursor.response(batch)
        } catch {
            remove(id)
            throw error
        }
    }

    /// Deletes a cursor. - Throws: 1600 when there is none.
    public func delete(_ id: String) throws(C8Error) {
        guard remove(id) else { throw C8Error(.cursorNotFound, detail: id) }
    }

    public var openCursorCount: Int { cursors.withLock { $0.count } }

    @discardableResult
    private func remove(_ id: String) -> Bool {
        guard let cursor = cursors.withLock({ $0.removeValue(forKey: id) }) else { return false }
        cursor.run.close()
        return true
    }

    /// Frees cursors idle past their time to live.
    public func expire(now: Date = Date()) {
        let stale = cursors.withLock { cursors in
            let ids = cursors.filter { !$0.value.busy && $0.value.expires < now }.map(\.key)
            return ids.compactMap { cursors.removeValue(forKey: $0) }
        }
        for cursor in stale { cursor.run.close() }
    }
}
