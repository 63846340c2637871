import C8Core
import Dispatch
import Synchronization

/// Turns a publish's completion back into a blocking call, for callers
/// that need the message id before they go on (REST publish, collection
/// streams, `StreamProducer.send`).
final class PublishWaiter: Sendable {
    private let result = Mutex<Result<MessageID, C8Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    var completion: @Sendable (Result<MessageID, C8Error>) -> Void {
        { [self] outcome in
            result.withLock { $0 = outcome }
            done.signal()
        }
    }

    /// Whether the outcome is in (without waiting).
    var isDone: Bool { result.withLock { $0 != nil } }

    func wait() throws(C8Error) -> MessageID {
        done.wait()
        // The semaphore was signalled after the result was stored.
        return try result.withLock { $0! }.get()
    }
}
