import Synchronization

/// The server's event loops, one per core by default, with new
/// connections dealt out round-robin so each loop carries its share.
final class EventLoopGroup: Sendable {
    let loops: [EventLoop]
    private let nextLoop = Atomic<Int>(0)

    init(count: Int, tickInterval: Duration) throws(TransportError) {
        var loops: [EventLoop] = []
        for index in 0..<max(1, count) {
            loops.append(try EventLoop(index: index, tickInterval: tickInterval))
        }
        self.loops = loops
    }

    /// The loop the next connection goes to.
    func next() -> EventLoop {
        let position = nextLoop.add(1, ordering: .relaxed).oldValue
        return loops[position % loops.count]
    }

    func start() { loops.forEach { $0.start() } }

    func stopAndWait() { loops.forEach { $0.stopAndWait() } }
}
