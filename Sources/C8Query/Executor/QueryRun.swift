import C8Core
import C8Engine
import Dispatch
import Synchronization

/// One run of a query, handing out results one at a time.
///
/// Read-only queries stream: rows are produced as they are pulled. Queries
/// that modify data run to the end when started and commit their writes
/// atomically before the first result is handed out — a failing query
/// leaves nothing behind.
public final class QueryRun {
    public let id: String
    public let text: String
    let context: QueryContext
    private var output: QueryOutput?
    private var buffered: [JSON] = []
    private var position = 0
    private let started = DispatchTime.now()
    private var finished = false
    private let onFinish: (QueryRun) -> Void

    init(id: String, prepared: PreparedQuery, context: QueryContext, onFinish: @escaping (QueryRun) -> Void) throws(C8Error) {
        self.id = id
        self.text = prepared.text
        self.context = context
        self.onFinish = onFinish
        context.slotCount = prepared.slotCount
        context.profile.parsing = prepared.parseTime
        context.profile.optimizingPlan = prepared.planTime
        let input = Row(slotCount: prepared.slotCount)
        let instantiating = DispatchTime.now()
        do throws(C8Error) {
            if prepared.isModifying {
                var collections: [DocumentCollection] = []
                for name in prepared.modifiedCollections { collections.append(try context.collection(name)) }
                let transaction = try WriteTransaction(collections)
                context.transaction = transaction
                do throws(C8Error) {
                    let executing = DispatchTime.now()
                    defer { context.profile.executing += QueryProfile.seconds(since: executing) }
                    buffered = try context.run(prepared.steps, input: input)
                    try transaction.commit(sync: prepared.steps.contains { step in
                        if case .modify(let m) = step { return m.options.write.waitForSync }
                        return false
                    })
                } catch {
                    transaction.abort()
                    throw error
                }
                context.transaction = nil
                finish()
            } else {
                output = try QueryOutput(context: context, steps: prepared.steps, input: input)
                context.profile.instantiatingPlan = QueryProfile.seconds(since: instantiating)
            }
        } catch {
            finish()
            throw error
        }
    }

    /// The next result, or nil when the query is done.
    public func next() throws(C8Error) -> JSON? {
        if let output {
            // Timing every row costs two clock reads; only a profiled run pays.
            let executing = isProfiled ? DispatchTime.now() : nil
            defer { if let executing { context.profile.executing += QueryProfile.seconds(since: executing) } }
            do throws(C8Error) {
                if let value = try output.next() { return value }
            } catch {
                finish()
                throw error
            }
            finish()
            return nil
        }
        guard position < buffered.count else { return nil }
        defer { position += 1 }
        return buffered[position]
    }

    /// Up to `count` further results.
    public func next(batch count: Int) throws(C8Error) -> [JSON] {
        var results: [JSON] = []
        results.reserveCapacity(min(count, 1000))
        while results.count < count, let value = try next() { results.append(value) }
        return results
    }

    /// Every remaining result.
    /// - Throws: 32 once they add up to more than `maxResultBytes`.
    public func all() throws(C8Error) -> [JSON] {
        var results: [JSON] = []
        var bytes = 0
        let limit = context.options.maxResultBytes
        while let value = try next() {
            bytes += value.estimatedResultBytes
            if bytes > limit {
                close()
                throw C8Error(.resourceLimit, "query result would be larger than \(limit) bytes (maxResultBytes); fetch it in batches with a cursor")
            }
            results.append(value)
        }
        return results
    }

    /// The most result bytes held at once (``QueryOptions/maxResultBytes``).
    public var maxResultBytes: Int { context.options.maxResultBytes }

    public var statistics: QueryStatistics { context.statistics }
    /// Phase timings so far; meaningful when ``isProfiled``.
    public var profile: QueryProfile { context.profile }
    /// Whether the run was asked for `extra.profile` (`options.profile`).
    public var isProfiled: Bool { context.options.profile > 0 }
    public var warnings: [QueryWarning] { context.warnings }
    public var isFinished: Bool { finished }

    /// Seconds since the run started.
    public var runtime: Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }

    /// Stops a streaming query early (a closed cursor).
    public func close() {
        output = nil
        finish()
    }

    private func finish() {
        guard !finished else { return }
        finished = true
        let finalizing = DispatchTime.now()
        context.statistics.executionTime = runtime
        output = nil
        onFinish(self)
        context.profile.finalizing = QueryProfile.seconds(since: finalizing)
    }
}
