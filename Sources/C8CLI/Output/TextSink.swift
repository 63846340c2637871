/// Somewhere a command writes text: the process's standard output or error,
/// or a buffer in tests.
///
/// A thread-safe protocol rather than an `inout
/// TextOutputStream`, because long-running commands (`serve`) write as they
/// go, possibly from several threads, long after any `inout` borrow ends.
public protocol TextSink: Sendable {
    /// Writes `text` as is; callers add their own newlines.
    func write(_ text: String)

    /// Whether a person is watching: progress bars redraw in place only on
    /// a terminal, never into a file, a pipe or a test's buffer.
    var isTerminal: Bool { get }
}

extension TextSink {
    /// Buffers and files are not terminals.
    public var isTerminal: Bool { false }

    /// Writes `line` followed by a newline.
    public func writeLine(_ line: String = "") {
        write(line + "\n")
    }
}
