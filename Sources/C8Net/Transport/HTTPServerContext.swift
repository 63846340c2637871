import Synchronization

/// What the listeners and connections of one server share.
final class HTTPServerContext: Sendable {
    let handler: any HTTPHandler
    /// `handler`, when it can answer some requests on the loop.
    let eventLoopHandler: (any EventLoopHTTPHandler)?
    let configuration: HTTPServerConfiguration
    let workers: WorkerPool
    let loops: EventLoopGroup
    /// Set when `stop()` begins: listeners stop accepting and connections
    /// finish what they have started.
    let stopping = Atomic<Bool>(false)
    /// Connections not yet closed, for `stop()` to wait on.
    let openConnections = Atomic<Int>(0)

    init(handler: any HTTPHandler, configuration: HTTPServerConfiguration, workers: WorkerPool, loops: EventLoopGroup) {
        self.handler = handler
        eventLoopHandler = handler as? any EventLoopHTTPHandler
        self.configuration = configuration
        self.workers = workers
        self.loops = loops
    }

    var isStopping: Bool { stopping.load(ordering: .acquiring) }
    var log: HTTPServerLog { configuration.log }
}
