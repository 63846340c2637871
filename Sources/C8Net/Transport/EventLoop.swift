import COpenSSL
import Dispatch
import Foundation
import Glibc
import Synchronization

/// One thread running epoll over non-blocking descriptors.
///
/// Handlers (listeners, connections) belong to one loop and are only
/// touched on its thread. Other threads reach them with `execute`, which
/// queues a task and wakes the loop through an eventfd. Deadlines are
/// checked on a coarse tick rather than with a timer per connection: the
/// timeouts involved are seconds long and a sweep over a loop's handlers is
/// cheap.
final class EventLoop: @unchecked Sendable {
    let index: Int
    private let epoll: Int32
    private let wakeDescriptor: Int32
    private let tickInterval: Duration

    private let remoteTasks = Mutex<[@Sendable () -> Void]>([])
    private let wakePending = Atomic<Bool>(false)
    private let running = Atomic<Bool>(false)
    private let threadID = Atomic<UInt>(0)
    private let finished = DispatchSemaphore(value: 0)

    // Owned by the loop thread.
    private var localTasks: [() -> Void] = []
    private var handlers: [Int32: any EventLoopHandler] = [:]
    private var nextTick: ContinuousClock.Instant
    /// The time at the start of the current iteration: one clock read per
    /// wake-up instead of one per event.
    private(set) var now: ContinuousClock.Instant
    /// Where `recv` puts bytes before a connection consumes them; one per
    /// loop because only one connection reads at a time.
    let readBuffer: UnsafeMutableRawBufferPointer
    /// Scratch for decrypted bytes, lent to one connection at a time.
    var plaintextScratch: [UInt8] = []

    static let readBufferSize = 64 * 1024
    private static let maxEventsPerWait = 256
    /// Rounds of loop-local tasks run per iteration before polling again,
    /// so a task that keeps queueing tasks cannot starve I/O.
    private static let maxTaskRounds = 8

    init(index: Int, tickInterval: Duration) throws(TransportError) {
        self.index = index
        self.tickInterval = tickInterval
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else { throw .errno("epoll_create1") }
        wakeDescriptor = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        guard wakeDescriptor >= 0 else {
            let error = TransportError.errno("eventfd")
            Glibc.close(epoll)
            throw error
        }
        now = .now
        nextTick = now + tickInterval
        readBuffer = .allocate(byteCount: Self.readBufferSize, alignment: 16)
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.fd = wakeDescriptor
        epoll_ctl(epoll, EPOLL_CTL_ADD, wakeDescriptor, &event)
    }

    deinit {
        Glibc.close(wakeDescriptor)
        Glibc.close(epoll)
        readBuffer.deallocate()
    }

    /// Starts the loop's thread.
    func start() {
        running.store(true, ordering: .releasing)
        let thread = Thread { [self] in
            // Best effort: corelibs Foundation may drop a name set before start.
            Thread.current.name = "c8-event-loop-\(index)"
            run()
        }
        thread.start()
    }

    /// Stops the loop after its current iteration and waits for its thread.
    func stopAndWait() {
        guard running.exchange(false, ordering: .acquiringAndReleasing) else { return }
        wake()
        finished.wait()
    }

    /// Whether the caller runs on this loop's thread.
    var inEventLoop: Bool { threadID.load(ordering: .acquiring) == UInt(pthread_self()) }

    /// Runs `task` on the loop: after the current event when called on the
    /// loop (never re-entrantly), else as soon as the loop wakes.
    func execute(_ task: @escaping @Sendable () -> Void) {
        if inEventLoop {
            localTasks.append(task)
            return
        }
        remoteTasks.withLock { $0.append(task) }
        if !wakePending.exchange(true, ordering: .acquiringAndReleasing) { wake() }
    }

    /// Starts watching `descriptor`; before `start` or on the loop only.
    func register(_ descriptor: Int32, events: UInt32, handler: any EventLoopHandler) throws(TransportError) {
        var event = epoll_event()
        event.events = events
        event.data.fd = descriptor
        guard epoll_ctl(epoll, EPOLL_CTL_ADD, descriptor, &event) == 0 else { throw .errno("epoll_ctl add") }
        handlers[descriptor] = handler
    }

    /// Changes the events watched for `descriptor`; on the loop only.
    func modify(_ descriptor: Int32, events: UInt32) {
        var event = epoll_event()
        event.events = events
        event.data.fd = descriptor
        epoll_ctl(epoll, EPOLL_CTL_MOD, descriptor, &event)
    }

    /// Stops watching `descriptor`; call before closing it, on the loop only.
    func deregister(_ descriptor: Int32) {
        epoll_ctl(epoll, EPOLL_CTL_DEL, descriptor, nil)
        handlers[descriptor] = nil
    }

    /// Every registered handler; on the loop only.
    var registeredHandlers: [any EventLoopHandler] { Array(handlers.values) }

    private func wake() {
        var one: UInt64 = 1
        _ = Glibc.write(wakeDescriptor, &one, MemoryLayout<UInt64>.size)
    }

    private func run() {
        threadID.store(UInt(pthread_self()), ordering: .releasing)
        var events = [epoll_event](repeating: epoll_event(), count: Self.maxEventsPerWait)
        while running.load(ordering: .acquiring) {
            let untilTick = max(0, (nextTick - ContinuousClock.now) / .milliseconds(1))
            let timeout = localTasks.isEmpty ? Int32(min(untilTick.rounded(.up), 60_000)) : 0
            let count = events.withUnsafeMutableBufferPointer {
                epoll_wait(epoll, $0.baseAddress, Int32($0.count), timeout)
            }
            now = .now
            if count < 0 && errno != EINTR {
                // epoll_wait fails only on a bad descriptor or memory
                // fault: the loop cannot go on.
                fatalError("epoll_wait failed on event loop \(index): \(String(cString: strerror(errno)))")
            }
            for position in 0..<max(0, Int(count)) {
                let event = events[position]
                let descriptor = event.data.fd
                if descriptor == wakeDescriptor {
                    var value: UInt64 = 0
                    _ = Glibc.read(wakeDescriptor, &value, MemoryLayout<UInt64>.size)
                } else {
                    handlers[descriptor]?.handleEvents(event.events)
                }
            }
            runTasks()
            if now >= nextTick {
                for handler in handlers.values { handler.checkTimeouts(now: now) }
                nextTick = now + tickInterval
                runTasks()
            }
        }
        finished.signal()
    }

    private func runTasks() {
        // Cleared before taking the queue: a task queued after the swap
        // then wakes the loop again instead of waiting for the next event.
        wakePending.store(false, ordering: .releasing)
        let remote = remoteTasks.withLock { tasks in
            let taken = tasks
            tasks.removeAll(keepingCapacity: true)
            return taken
        }
        for task in remote { task() }
        var rounds = 0
        while !localTasks.isEmpty && rounds < Self.maxTaskRounds {
            let tasks = localTasks
            localTasks.removeAll(keepingCapacity: true)
            for task in tasks { task() }
            rounds += 1
        }
    }
}
