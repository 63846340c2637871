import Dispatch
import Foundation
import Synchronization

/// SIGINT and SIGTERM, turned from process death into a value, so a
/// long-running command (`serve`, `stream tail`) can stop cleanly and exit 0.
///
/// While an instance is alive the signals are ignored by the process and
/// delivered here instead; ``cancel()`` gives them back their default
/// action, so a command run in process (tests) leaves nothing behind.
final class StopSignals: @unchecked Sendable {
    // @unchecked: `received` is written once, under `lock`, before the
    // semaphore is signalled and the handler runs.
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var received = ""
    /// Set with `received`: a check between an import's documents costs a
    /// load, not a lock.
    private let stopped = Atomic<Bool>(false)
    private var sources: [any DispatchSourceSignal] = []

    /// - Parameter onStop: runs once, on a global queue, when the first
    ///   signal arrives (a tail closes itself there).
    init(onStop: (@Sendable (String) -> Void)? = nil) {
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self, self.record(name) else { return }
                onStop?(name)
                self.done.signal()
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Notes the first signal; false for any later one.
    private func record(_ name: String) -> Bool {
        lock.withLock {
            guard received.isEmpty else { return false }
            received = name
            stopped.store(true, ordering: .releasing)
            return true
        }
    }

    /// The first signal's name once one has arrived; nil before (for loops
    /// that check between steps rather than block).
    var receivedSignal: String? {
        guard stopped.load(ordering: .acquiring) else { return nil }
        return lock.withLock { received }
    }

    /// Blocks until a signal arrives; its name.
    func wait() -> String {
        done.wait()
        return lock.withLock { received }
    }

    /// Stops listening and restores the signals' default action.
    func cancel() {
        for source in sources { source.cancel() }
        sources = []
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
