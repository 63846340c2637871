import C8Core
import Synchronization

/// Virtual time that moves only when a test moves it: due actions run on
/// the caller's thread, in due-time order, ties in scheduling order. With
/// the federation's seeded randomness, one seed is one exact history.
public final class DeterministicScheduler: ClusterScheduler {
    private struct Pending {
        let due: UInt64
        let order: UInt64
        let action: @Sendable () -> Void
    }

    private struct State {
        var now: UInt64
        var nextOrder: UInt64 = 0
        /// A binary min-heap on (due, order).
        var heap: [Pending] = []
    }

    private let state: Mutex<State>

    /// Starts the virtual clock at `startMicros` (a fixed date by default,
    /// so revisions look like real ones).
    public init(startMicros: UInt64 = 1_767_225_600_000_000) {
        state = Mutex(State(now: startMicros))
    }

    public var nowMicros: UInt64 { state.withLock { $0.now } }

    /// Actions waiting to run.
    public var pendingCount: Int { state.withLock { $0.heap.count } }

    public func schedule(atMicros dueMicros: UInt64, _ action: @escaping @Sendable () -> Void) {
        state.withLock { s in
            s.heap.append(Pending(due: max(dueMicros, s.now), order: s.nextOrder, action: action))
            s.nextOrder += 1
            Self.siftUp(&s.heap, from: s.heap.count - 1)
        }
    }

    /// Runs every action due up to `targetMicros` (including those they
    /// schedule within it), then sets the clock to `targetMicros`.
    public func advance(toMicros targetMicros: UInt64) {
        while let action = popDue(notAfter: targetMicros) { action() }
        state.withLock { $0.now = max($0.now, targetMicros) }
    }

    public func advance(byMilliseconds milliseconds: Double) {
        advance(toMicros: nowMicros + UInt64(max(0, milliseconds * 1000)))
    }

    /// Runs actions until none is left (or `limit` have run): the
    /// federation quiesces. Returns whether it did.
    @discardableResult
    public func runUntilIdle(limit: Int = 10_000_000) -> Bool {
        var ran = 0
        while ran < limit, let action = popDue(notAfter: .max) {
            action()
            ran += 1
        }
        return pendingCount == 0
    }

    public func wait(timeoutMicros: UInt64, until condition: () -> Bool) -> Bool {
        let deadline = nowMicros + timeoutMicros
        while !condition() {
            let next = state.withLock { $0.heap.first?.due }
            guard let next, next <= deadline else {
                advance(toMicros: deadline)
                return condition()
            }
            advance(toMicros: next)
        }
        return true
    }

    private func popDue(notAfter limit: UInt64) -> (@Sendable () -> Void)? {
        state.withLock { s in
            guard let first = s.heap.first, first.due <= limit else { return nil }
            s.now = max(s.now, first.due)
            let last = s.heap.removeLast()
            if !s.heap.isEmpty {
                s.heap[0] = last
                Self.siftDown(&s.heap, from: 0)
            }
            return first.action
        }
    }

    private static func before(_ a: Pending, _ b: Pending) -> Bool {
        a.due != b.due ? a.due < b.due : a.order < b.order
    }

    private static func siftUp(_ heap: inout [Pending], from index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private static func siftDown(_ heap: inout [Pending], from index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var best = left
            if left + 1 < heap.count, before(heap[left + 1], heap[left]) { best = left + 1 }
            guard before(heap[best], heap[parent]) else { return }
            heap.swapAt(best, parent)
            parent = best
        }
    }
}
