/// One connection of an ``HTTPClient``: a stream, its read buffer, and
/// how it has been used. Owned by one request at a time, or by the pool.
final class HTTPClientConnection: @unchecked Sendable {
    // @unchecked: the reader's buffer is mutable, but the pool hands a
    // connection to one thread at a time and takes it back only from that
    // thread, so accesses never overlap.
    let origin: ClientURL.Origin
    let reader: BufferedStreamReader
    /// When it last went back into the pool.
    var idleSince = ContinuousClock.now

    init(origin: ClientURL.Origin, stream: any BlockingByteStream) {
        self.origin = origin
        reader = BufferedStreamReader(stream: stream)
    }

    var stream: any BlockingByteStream { reader.stream }

    /// Whether the connection can be handed out again: not idle too long,
    /// and nothing (data or a close) arrived while nobody was asking.
    func isReusable(now: ContinuousClock.Instant, idleTimeout: Duration) -> Bool {
        idleSince.duration(to: now) < idleTimeout && reader.bufferedCount == 0 && !stream.hasInputWhileIdle()
    }

    func close() { stream.close() }
}
