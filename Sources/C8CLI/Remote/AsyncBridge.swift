import C8Core
import Dispatch

/// Runs async connection work to completion from a synchronous command.
/// Commands are synchronous (they return an exit status); connections are
/// async so the console's UI loop never blocks on them.
enum AsyncBridge {
    static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws(C8Error) -> T) throws(C8Error) -> T {
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome<T>()
        Task {
            do throws(C8Error) { outcome.result = .success(try await body()) } catch { outcome.result = .failure(error) }
            done.signal()
        }
        done.wait()
        // The task always stores a result before it signals.
        return try outcome.result!.get()
    }
}

private final class Outcome<T: Sendable>: @unchecked Sendable {
    // @unchecked: written before the semaphore is signalled, read after.
    var result: Result<T, C8Error>?
}
