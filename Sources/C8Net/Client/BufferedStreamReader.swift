/// Reads lines and counted runs of bytes from a ``BlockingByteStream``.
///
/// HTTP heads are parsed line by line and bodies are counted, while the
/// stream delivers whatever the network had; this buffers the difference.
/// Bytes read past a response stay here for the next one (pipelined data,
/// or WebSocket frames that arrived with the 101).
final class BufferedStreamReader {
    let stream: any BlockingByteStream
    private var buffer: [UInt8] = []
    private var start = 0
    /// Every byte taken from the stream so far: a reused connection that
    /// fails before this moves has not started a response.
    private(set) var totalBytesRead = 0
    private let chunkSize: Int

    init(stream: any BlockingByteStream, chunkSize: Int = 16 * 1024) {
        self.stream = stream
        self.chunkSize = chunkSize
    }

    /// Bytes buffered and not yet consumed.
    var bufferedCount: Int { buffer.count - start }

    /// Takes every buffered byte.
    func takeBuffered() -> [UInt8] {
        let bytes = Array(buffer[start...])
        buffer.removeAll(keepingCapacity: true)
        start = 0
        return bytes
    }

    /// One line without its terminator. Lines end in CRLF; a bare LF is
    /// accepted too, as RFC 9112 §2.2 allows a recipient to.
    ///
    /// - Throws: `.responseTooLarge` past `limit` bytes, `.connectionClosed`
    ///   at the end of the stream, or the stream's errors.
    func readLine(limit: Int, deadline: ContinuousClock.Instant?) throws -> [UInt8] {
        // Counted from `start`, which `fill` may move when it compacts.
        var searched = 0
        while true {
            if let newline = buffer[(start + searched)...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                guard end - start <= limit else { throw lineTooLong(limit) }
                let line = Array(buffer[start..<end])
                start = newline + 1
                return line
            }
            guard buffer.count - start <= limit else { throw lineTooLong(limit) }
            searched = buffer.count - start
            guard try fill(deadline: deadline) else {
                throw NetworkClientError(.connectionClosed, bufferedCount == 0
                    ? "connection closed by the server" : "connection closed in the middle of a line")
            }
        }
    }

    /// The next byte.
    /// - Throws: `.connectionClosed` at the end of the stream.
    func readByte(deadline: ContinuousClock.Instant?) throws -> UInt8 {
        if bufferedCount == 0 {
            guard try fill(deadline: deadline) else {
                throw NetworkClientError(.connectionClosed, "connection closed in the middle of a response")
            }
        }
        start += 1
        return buffer[start - 1]
    }

    /// Exactly `count` bytes.
    /// - Throws: `.connectionClosed` if the stream ends first.
    func read(exactly count: Int, deadline: ContinuousClock.Instant?) throws -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(count)
        try read(exactly: count, into: &result, deadline: deadline)
        return result
    }

    /// Appends exactly `count` bytes to `output`.
    func read(exactly count: Int, into output: inout [UInt8], deadline: ContinuousClock.Instant?) throws {
        var remaining = count
        while remaining > 0 {
            if bufferedCount == 0 {
                guard try fill(deadline: deadline) else {
                    throw NetworkClientError(.connectionClosed, "connection closed with \(remaining) bytes of the body missing")
                }
            }
            let take = min(remaining, bufferedCount)
            output.append(contentsOf: buffer[start..<(start + take)])
            start += take
            remaining -= take
        }
    }

    /// Appends everything up to the end of the stream, failing past `limit`.
    func readToEnd(into output: inout [UInt8], limit: Int, deadline: ContinuousClock.Instant?) throws {
        while true {
            if bufferedCount > 0 {
                guard output.count + bufferedCount <= limit else {
                    throw NetworkClientError(.responseTooLarge, "response body exceeds \(limit) bytes")
                }
                output.append(contentsOf: takeBuffered())
            }
            guard try fill(deadline: deadline) else { return }
        }
    }

    /// Reads more from the stream; false at its end.
    @discardableResult
    func fill(deadline: ContinuousClock.Instant?) throws -> Bool {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > chunkSize && start * 2 > buffer.count {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        let timeout = try deadline.map { deadline in
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { throw NetworkClientError(.timedOut, "response timed out") }
            return remaining
        }
        let count = try withUnsafeTemporaryAllocation(byteCount: chunkSize, alignment: 1) { scratch in
            let count = try stream.read(into: scratch, timeout: timeout)
            buffer.append(contentsOf: scratch[0..<count])
            return count
        }
        totalBytesRead += count
        return count > 0
    }

    private func lineTooLong(_ limit: Int) -> NetworkClientError {
        NetworkClientError(.responseTooLarge, "response line longer than \(limit) bytes")
    }
}
