import Dispatch
import Synchronization

/// Hands messages to one consumer's or reader's `deliver` closure: in the
/// order they were pushed, one batch at a time (whatever accumulated since
/// the last one), on the channel's own serial queue or on the executor its
/// owner gave — never on the publisher's thread and never under a stream
/// lock.
///
/// Pushing happens under the stream's lock (that fixes the order); the
/// drain runs later and takes whatever has accumulated. A WebSocket
/// consumer drains on its connection's event loop (``StreamExecutor``):
/// the frames are then written where they are sent, with no hop through
/// a Dispatch queue and no wake-up of another thread per burst.
final class DeliveryChannel: Sendable {
    private struct State {
        var outbox: [StreamMessage] = []
        var draining = false
        var closeHandlers: [@Sendable () -> Void] = []
    }

    private let queue: DispatchQueue
    private let executor: StreamExecutor?
    private let deliver: @Sendable ([StreamMessage]) -> Void
    private let state = Mutex(State())
    private let closed = Atomic<Bool>(false)

    init(label: String, executor: StreamExecutor? = nil, deliver: @escaping @Sendable ([StreamMessage]) -> Void) {
        queue = DispatchQueue(label: label)
        self.executor = executor
        self.deliver = deliver
    }

    private func schedule(_ task: @escaping @Sendable () -> Void) {
        if let executor, executor.run(task) { return }
        queue.async(execute: task)
    }

    var isClosed: Bool { closed.load(ordering: .acquiring) }

    func push(_ message: StreamMessage) {
        guard !isClosed else { return }
        let startDrain = state.withLock { s in
            s.outbox.append(message)
            if s.draining { return false }
            s.draining = true
            return true
        }
        if startDrain { schedule { self.drain() } }
    }

    /// Stops delivery (messages not yet handed over are dropped — the
    /// stream redelivers them elsewhere) and runs the close handlers on
    /// the queue, after a delivery in progress has returned. Idempotent.
    func close() {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let handlers = state.withLock { s in
            s.outbox = []
            defer { s.closeHandlers = [] }
            return s.closeHandlers
        }
        if !handlers.isEmpty { schedule { for handler in handlers { handler() } } }
    }

    /// Runs `handler` once when the channel closes (at once, on the
    /// queue, if it already has).
    func onClose(_ handler: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { s in
            if isClosed { return true }
            s.closeHandlers.append(handler)
            return false
        }
        if runNow { schedule { handler() } }
    }

    private func drain() {
        while true {
            let batch = state.withLock { s in
                if s.outbox.isEmpty || isClosed {
                    s.outbox = []
                    s.draining = false
                    return [StreamMessage]()
                }
                defer { s.outbox = [] }
                return s.outbox
            }
            if batch.isEmpty { return }
            deliver(batch)
        }
    }
}

/// Where a consumer's or reader's deliveries run: `run` runs a task on the
/// owner's thread (one at a time, in order) and returns true, or returns
/// false when it cannot (the owner has no thread yet, or any more) — the
/// channel's own serial queue runs it then.
public struct StreamExecutor: Sendable {
    let run: @Sendable (@escaping @Sendable () -> Void) -> Bool

    public init(_ run: @escaping @Sendable (@escaping @Sendable () -> Void) -> Bool) {
        self.run = run
    }
}
