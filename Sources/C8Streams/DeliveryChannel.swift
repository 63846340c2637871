import Dispatch
import Synchronization

/// Hands messages to one consumer's or reader's `deliver` closure: in the
/// order they were pushed, one batch at a time (whatever accumulated since
/// the last one), on the channel's own serial queue — never on the
/// publisher's thread and never under a stream lock.
///
/// Pushing happens under the stream's lock (that fixes the order); the
/// drain runs later on the queue and takes whatever has accumulated.
final class DeliveryChannel: Sendable {
    private struct State {
        var outbox: [StreamMessage] = []
        var draining = false
        var closeHandlers: [@Sendable () -> Void] = []
    }

    private let queue: DispatchQueue
    private let deliver: @Sendable ([StreamMessage]) -> Void
    private let state = Mutex(State())
    private let closed = Atomic<Bool>(false)

    init(label: String, deliver: @escaping @Sendable ([StreamMessage]) -> Void) {
        queue = DispatchQueue(label: label)
        self.deliver = deliver
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
        if startDrain { queue.async { self.drain() } }
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
        if !handlers.isEmpty { queue.async { for handler in handlers { handler() } } }
    }

    /// Runs `handler` once when the channel closes (at once, on the
    /// queue, if it already has).
    func onClose(_ handler: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { s in
            if isClosed { return true }
            s.closeHandlers.append(handler)
            return false
        }
        if runNow { queue.async { handler() } }
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

