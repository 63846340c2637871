/// A connected, ordered byte stream with blocking calls: a TCP socket, or
/// a TLS session over one. The HTTP and WebSocket clients are written
/// against this, so encryption is a matter of which stream they are given.
///
/// One thread may read while another writes; `close` may be called from
/// any thread and wakes a blocked reader. Every error thrown is a
/// ``NetworkClientError``.
public protocol BlockingByteStream: AnyObject, Sendable {
    /// Reads at least one byte into `buffer`, waiting at most `timeout`
    /// (nil: no limit). Returns 0 at the end of the stream.
    /// - Throws: `.timedOut`, `.ioFailed`, `.tlsFailed`.
    func read(into buffer: UnsafeMutableRawBufferPointer, timeout: Duration?) throws -> Int

    /// Writes all of `bytes`, waiting at most `timeout` for the peer to
    /// take them.
    func write(_ bytes: UnsafeRawBufferPointer, timeout: Duration?) throws

    /// Whether the stream, unused since its last exchange, has input or an
    /// end waiting: a pooled connection in that state was closed by the
    /// server (or got bytes it cannot explain) and must not be reused.
    func hasInputWhileIdle() -> Bool

    /// Shuts the stream down; later reads return 0 or fail.
    func close()
}

extension BlockingByteStream {
    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8], timeout: Duration?) throws {
        try bytes.withUnsafeBytes { try write($0, timeout: timeout) }
    }
}
