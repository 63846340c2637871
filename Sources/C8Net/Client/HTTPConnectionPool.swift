import Synchronization

/// Idle keep-alive connections, per origin, for reuse by later requests.
///
/// Most recently returned first: that connection is the least likely to
/// have been closed by the server's idle timeout meanwhile.
final class HTTPConnectionPool: Sendable {
    private let maxIdlePerOrigin: Int
    private let idleTimeout: Duration
    private let idle = Mutex<[ClientURL.Origin: [HTTPClientConnection]]>([:])

    init(maxIdlePerOrigin: Int, idleTimeout: Duration) {
        self.maxIdlePerOrigin = maxIdlePerOrigin
        self.idleTimeout = idleTimeout
    }

    /// An idle connection to `origin` that still looks alive, or nil.
    /// Connections found expired or closed by the server are dropped.
    func checkOut(_ origin: ClientURL.Origin) -> HTTPClientConnection? {
        let now = ContinuousClock.now
        var dead: [HTTPClientConnection] = []
        defer { dead.forEach { $0.close() } }
        return idle.withLock { idle -> HTTPClientConnection? in
            while let connection = idle[origin]?.popLast() {
                if connection.isReusable(now: now, idleTimeout: idleTimeout) { return connection }
                dead.append(connection)
            }
            return nil
        }
    }

    /// Returns a connection whose last response left it reusable.
    func checkIn(_ connection: HTTPClientConnection) {
        connection.idleSince = .now
        let kept = idle.withLock { idle -> Bool in
            guard idle[connection.origin, default: []].count < maxIdlePerOrigin else { return false }
            idle[connection.origin, default: []].append(connection)
            return true
        }
        if !kept { connection.close() }
    }

    /// Closes every idle connection.
    func closeAll() {
        let all = idle.withLock { idle -> [HTTPClientConnection] in
            defer { idle = [:] }
            return idle.values.flatMap { $0 }
        }
        all.forEach { $0.close() }
    }

    /// How many idle connections there are to `origin`.
    func idleCount(_ origin: ClientURL.Origin) -> Int {
        idle.withLock { $0[origin]?.count ?? 0 }
    }
}
