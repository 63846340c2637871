/// Somewhere a command writes text: the process's standard output or error,
/// or a buffer in tests.
///
/// A thread-safe protocol rather than an `inout
/// TextOutputStream`, because long-running commands (`serve`) write as they
/// go, possibly from several threads, long after any `inout` borrow ends.
public protocol TextSink: Sendable {
    /// Writes `text` as is; callers add their own newlines.
    func write(_ text: String)
}

extension TextSink {
    /// Writes `line` followed by a newline.
    public func writeLine(_ line: String = "") {
        write(line + "\n")
    }
}
