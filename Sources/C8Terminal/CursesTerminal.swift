import C8Console

/// The console's real terminal: ncursesw on the controlling tty.
///
/// Composes four parts with one job each: ``CursesSession`` (modes, set-up
/// and tear-down), ``CursesRenderer`` (diffed drawing with on-demand colour
/// pairs), ``CursesInputReader`` (keys, mouse, resize) and
/// ``TerminalRestorer`` (putting the terminal back on every exit path).
///
/// ncurses is not thread-safe: create, use and shut the terminal down from
/// one thread.
public final class CursesTerminal: Terminal {
    private let session: CursesSession
    private let renderer: CursesRenderer
    private let input: CursesInputReader
    private var isShutDown = false

    /// Switches the terminal to full-screen mode.
    ///
    /// - Parameters:
    ///   - mouse: report left clicks and the wheel. Off leaves the mouse to
    ///     the terminal (plain text selection without Shift).
    ///   - maximumColorDepth: at most this many colours even if the terminal
    ///     has more; `.monochrome` for NO_COLOR / `--no-color`.
    ///   - escapeDelay: milliseconds to wait after ESC for the rest of an
    ///     escape sequence (ncurses' default of 1000 makes Escape feel dead).
    /// - Throws: ``CursesTerminalError`` when there is no terminal, `TERM` is
    ///   unknown, or another `CursesTerminal` is running.
    public init(mouse: Bool = true, maximumColorDepth: ColorDepth = .colors256, escapeDelay: Int = 25) throws {
        session = try CursesSession(mouse: mouse, maximumColorDepth: maximumColorDepth, escapeDelay: escapeDelay)
        renderer = CursesRenderer(depth: session.colorDepth, mapper: session.colorMapper, pairCount: session.pairCount)
        input = CursesInputReader(decoder: KeyDecoder(extendedKeys: session.extendedKeyTable()))
    }

    deinit {
        shutdown()
    }

    public var size: (width: Int, height: Int) {
        isShutDown ? (0, 0) : session.size
    }

    public var colorDepth: ColorDepth { session.colorDepth }

    public func draw(_ buffer: ScreenBuffer) {
        guard !isShutDown else { return }
        renderer.draw(buffer, screen: session.size)
    }

    /// Waits for input; a negative `timeout` waits for as long as it takes.
    /// Keys the console has no name for are skipped within the wait.
    public func nextEvent(timeout: Double) -> InputEvent? {
        guard !isShutDown else { return nil }
        let event = input.next(timeout: timeout) { session.size }
        if case .resize = event { renderer.invalidate() }
        return event
    }

    /// Gives the terminal back to the shell's modes so another program (the
    /// user's `$EDITOR`) can run; exit signals still find it restored.
    public func suspend() {
        guard !isShutDown else { return }
        session.suspend()
    }

    /// Takes the terminal back after ``suspend()``; the next ``draw(_:)``
    /// repaints every cell (the other program overwrote them).
    public func resume() {
        guard !isShutDown else { return }
        session.resume()
        renderer.invalidate()
    }

    /// Leaves full-screen mode; the terminal is as it was before `init`.
    /// Only the first call does anything.
    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        session.close()
    }
}
