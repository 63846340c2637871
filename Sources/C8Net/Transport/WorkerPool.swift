import Dispatch
import Foundation
import Synchronization

/// A fixed set of threads running blocking work (request handlers) taken
/// from one queue, so a slow handler occupies a worker, never an event
/// loop, and the number of handlers running at once is bounded.
final class WorkerPool: Sendable {
    private struct Queue {
        var jobs: [@Sendable () -> Void] = []
        var head = 0
        var stopping = false

        mutating func pop() -> (@Sendable () -> Void)? {
            guard head < jobs.count else { return nil }
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= 1024 && head * 2 >= jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            return job
        }
    }

    let threadCount: Int
    private let queue = Mutex(Queue())
    /// One signal per queued job, plus one per thread at stop.
    private let available = DispatchSemaphore(value: 0)
    private let exited = DispatchGroup()

    init(threadCount: Int) {
        self.threadCount = max(1, threadCount)
    }

    func start() {
        for index in 0..<threadCount {
            exited.enter()
            let thread = Thread { [self] in
                Thread.current.name = "c8-worker-\(index)" // set inside: see EventLoop.start
                work()
            }
            thread.start()
        }
    }

    /// Queues `job` for the next free worker.
    func submit(_ job: @escaping @Sendable () -> Void) {
        queue.withLock { $0.jobs.append(job) }
        available.signal()
    }

    /// Lets the workers finish the queued jobs and exit; waits up to
    /// `timeout` for them (a handler stuck for longer keeps its thread).
    func stop(waitingUpTo timeout: Duration) {
        queue.withLock { $0.stopping = true }
        for _ in 0..<threadCount { available.signal() }
        let nanoseconds = max(0, timeout / .nanoseconds(1))
        _ = exited.wait(timeout: .now() + .nanoseconds(Int(min(nanoseconds, Double(Int.max / 2)))))
    }

    private func work() {
        while true {
            available.wait()
            let (job, stopping) = queue.withLock { queue in (queue.pop(), queue.stopping) }
            if let job {
                job()
            } else if stopping {
                break
            }
        }
        exited.leave()
    }
}
