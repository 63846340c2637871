import C8Client
import C8Core
import XCTest

/// Reads a tail's messages in a test, keeping one iterator for the tail's
/// whole life: dropping an `AsyncStream` iterator ends the stream, so each
/// read must continue the same one.
final class TailReader {
    let tail: any StreamTail
    private var iterator: AsyncStream<StreamMessageView>.Iterator

    init(_ tail: any StreamTail) {
        self.tail = tail
        iterator = tail.messages.makeAsyncIterator()
    }

    /// The next `count` messages. A tail that stays silent past `timeout`
    /// is closed (which ends its stream), so a missing message fails the
    /// test instead of hanging it.
    func next(_ count: Int, within timeout: Duration = .seconds(10),
              file: StaticString = #filePath, line: UInt = #line) async -> [StreamMessageView] {
        let tail = self.tail
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            tail.close()
        }
        defer { watchdog.cancel() }
        var received: [StreamMessageView] = []
        while received.count < count, let message = await iterator.next() {
            received.append(message)
        }
        XCTAssertEqual(received.count, count, "messages received before the tail ended or timed out", file: file, line: line)
        return received
    }

    func close() {
        tail.close()
    }
}

/// Polls `condition` until it holds or `timeout` passes: for effects that
/// travel asynchronously (a remote ack has no receipt).
func eventually(within timeout: Duration = .seconds(10), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
