import Synchronization

/// Fires its handlers once, when whatever owns it is closed — by its user
/// or by the service (a forced stream delete, shutdown).
final class CloseSignal: Sendable {
    private let state = Mutex<(fired: Bool, handlers: [@Sendable () -> Void])>((false, []))

    var isFired: Bool { state.withLock { $0.fired } }

    /// Runs `handler` when the signal fires (at once if it has).
    func add(_ handler: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { s in
            if s.fired { return true }
            s.handlers.append(handler)
            return false
        }
        if runNow { handler() }
    }

    /// Call outside any stream lock: handlers may call back into the service.
    func fire() {
        let handlers = state.withLock { s -> [@Sendable () -> Void] in
            if s.fired { return [] }
            s.fired = true
            defer { s.handlers = [] }
            return s.handlers
        }
        for handler in handlers { handler() }
    }
}
