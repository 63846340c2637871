import Synchronization

/// A sink that keeps what was written, for tests and for the `inout
/// TextOutputStream` entry point of `CommandLineTool`.
public final class CapturedText: TextSink {
    private let buffer = Mutex("")

    public init() {}

    public func write(_ text: String) {
        buffer.withLock { $0 += text }
    }

    /// Everything written so far.
    public var text: String {
        buffer.withLock { $0 }
    }
}
