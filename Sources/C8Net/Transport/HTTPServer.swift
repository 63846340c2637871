import Foundation
import Synchronization

/// The HTTP/1.1 server: listeners (plain and TLS), event loops that parse
/// and write, and a worker pool that runs `handler`.
///
/// ```swift
/// let server = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), handler: api)
/// try server.start()
/// print("listening on", server.port!)
/// …
/// server.stop()
/// ```
public final class HTTPServer: Sendable {
    /// A listener as bound: with the kernel's port when 0 was asked for.
    public struct BoundListener: Sendable, Equatable {
        public var host: String
        public var port: Int
        public var isTLS: Bool
    }

    private enum State {
        case idle
        case running(HTTPServerContext, [BoundListener])
        case stopped
    }

    public let configuration: HTTPServerConfiguration
    private let handler: any HTTPHandler
    private let state = Mutex(State.idle)

    public init(configuration: HTTPServerConfiguration, handler: any HTTPHandler) {
        self.configuration = configuration
        self.handler = handler
    }

    deinit { stop() }

    /// Binds every listener and starts serving. Returns once connections
    /// are accepted.
    ///
    /// - Throws: `TransportError` when a listener cannot bind (nothing is
    ///   left running then), or when the server was started before.
    public func start() throws(TransportError) {
        try state.withLock { state throws(TransportError) in
            guard case .idle = state else {
                throw TransportError(operation: "start", code: 0, reason: "the server was already started")
            }
            guard !configuration.listeners.isEmpty else {
                throw TransportError(operation: "start", code: 0, reason: "no listener configured")
            }
            let loops = try EventLoopGroup(count: configuration.eventLoopCount, tickInterval: configuration.tickInterval)
            let workers = WorkerPool(threadCount: configuration.workerCount)
            let context = HTTPServerContext(handler: handler, configuration: configuration, workers: workers, loops: loops)
            var acceptors: [ConnectionAcceptor] = []
            var bound: [BoundListener] = []
            for listener in configuration.listeners {
                let socket = try ListeningSocket(host: listener.host, port: listener.port,
                                                 backlog: configuration.listenBacklog)
                acceptors.append(ConnectionAcceptor(socket: socket, tls: listener.tls, loop: loops.loops[0], server: context))
                bound.append(BoundListener(host: listener.host, port: socket.port, isTLS: listener.tls != nil))
            }
            // The loops are not running yet, so registering from here is safe.
            for acceptor in acceptors { try acceptor.register() }
            workers.start()
            loops.start()
            state = .running(context, bound)
        }
    }

    /// The listeners as bound, in configuration order; empty unless running.
    public var listeners: [BoundListener] {
        state.withLock { state in
            if case .running(_, let bound) = state { return bound }
            return []
        }
    }

    /// The first plain HTTP port, once started.
    public var port: Int? { listeners.first { !$0.isTLS }?.port }

    /// Connections open now (accepted and not yet closed); 0 unless running.
    public var openConnectionCount: Int {
        state.withLock { state in
            if case .running(let context, _) = state { return context.openConnections.load(ordering: .relaxed) }
            return 0
        }
    }

    /// The first TLS port, once started.
    public var tlsPort: Int? { listeners.first { $0.isTLS }?.port }

    /// Stops accepting, lets requests already taken finish (up to
    /// `shutdownGracePeriod`), closes every connection and ends the
    /// threads. Idempotent; must not be called from a handler or an
    /// upgraded protocol's callback (it waits for them).
    public func stop() {
        let context: HTTPServerContext? = state.withLock { state in
            guard case .running(let context, _) = state else {
                state = .stopped
                return nil
            }
            state = .stopped
            return context
        }
        guard let context else { return }
        context.stopping.store(true, ordering: .releasing)
        let loops = context.loops.loops
        for loop in loops {
            loop.execute {
                for handler in loop.registeredHandlers {
                    if let acceptor = handler as? ConnectionAcceptor { acceptor.close() }
                    if let connection = handler as? HTTPConnection { connection.shutDownGracefully() }
                }
            }
        }
        let graceEnds = ContinuousClock.now + configuration.shutdownGracePeriod
        waitForConnections(context, until: graceEnds)
        if context.openConnections.load(ordering: .acquiring) > 0 {
            configuration.log(.warning, "\(context.openConnections.load(ordering: .acquiring)) connections still busy after \(configuration.shutdownGracePeriod); closing them")
            for loop in loops {
                loop.execute { loop.registeredHandlers.forEach { $0.forceClose() } }
            }
            waitForConnections(context, until: .now + .seconds(1))
        }
        context.loops.stopAndWait()
        context.workers.stop(waitingUpTo: max(.milliseconds(100), graceEnds - .now))
    }

    private func waitForConnections(_ context: HTTPServerContext, until deadline: ContinuousClock.Instant) {
        while context.openConnections.load(ordering: .acquiring) > 0 && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.002)
        }
    }
}
