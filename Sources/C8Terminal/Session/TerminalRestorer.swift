import CNCurses
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the terminal back (`endwin`) exactly once, from whichever exit path
/// gets there first.
///
/// Covered exits:
/// - ``CursesTerminal/shutdown()`` — the console's caller runs it in a
///   `defer`, which also covers errors thrown out of the console loop.
/// - `exit()` from anywhere (an `atexit` hook).
/// - SIGTERM, SIGHUP, SIGINT, SIGQUIT (raw mode turns Ctrl-C into a key, so
///   these come from outside, e.g. `kill` or a closed terminal window;
///   while suspended for an editor, SIGINT and SIGQUIT belong to the
///   editor and are ignored here).
/// - Crashes: SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT — which is
///   how a Swift `fatalError`, a failed `!` or an array overrun ends.
///
/// Not covered: SIGKILL (nothing can be). Run `reset` or `stty sane` then.
///
/// After restoring, the signal goes on to whatever handled it before (the
/// default action, or Swift's crash backtracer), so the process still ends
/// the way it would have — exit status, core dump, backtrace (now printed on
/// the restored screen). Only text printed while curses mode was still on
/// is lost with the alternate screen.
///
/// State is process-wide because a C signal handler cannot capture context;
/// only one curses session can exist at a time anyway.
enum TerminalRestorer {
    private enum Phase: UInt8 {
        /// No session (before the first, or after a shutdown).
        case idle
        /// Curses mode is on: an exit must call `endwin`.
        case active
        /// Curses mode is off while another program (an editor) runs.
        case suspended
        /// `endwin` has run for good, or until a surviving signal re-arms.
        case restored
    }

    private static let phase = Atomic<UInt8>(Phase.idle.rawValue)
    private static let atExitInstalled = Atomic<Bool>(false)

    static let exitSignals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT]

    /// The actions that were in place before ours, indexed by signal number
    /// (all handled signals are below 32). Written only while no handler of
    /// ours is installed for that slot; read by the handler.
    nonisolated(unsafe) private static let previousActions: UnsafeMutablePointer<sigaction> = {
        let slots = UnsafeMutablePointer<sigaction>.allocate(capacity: 32)
        slots.initialize(repeating: sigaction(), count: 32)
        return slots
    }()
    nonisolated(unsafe) private static var installed: [Int32] = []

    /// Moves from any of `sources` to `target`; false if the phase was
    /// something else.
    private static func transition(from sources: [Phase], to target: Phase) -> Bool {
        var current = phase.load(ordering: .acquiring)
        while sources.contains(where: { $0.rawValue == current }) {
            let (exchanged, original) = phase.compareExchange(
                expected: current, desired: target.rawValue, ordering: .acquiringAndReleasing)
            if exchanged { return true }
            current = original
        }
        return false
    }

    /// Marks a session as live and installs the handlers. Call before the
    /// screen is initialised, so ncurses sees our handlers and does not add
    /// its own SIGINT/SIGTERM ones (one mechanism only).
    ///
    /// - Returns: false when another session is already live.
    static func activate() -> Bool {
        guard transition(from: [.idle, .restored], to: .active) else { return false }
        installHandlers()
        if !atExitInstalled.exchange(true, ordering: .acquiringAndReleasing) {
            atexit { _ = TerminalRestorer.restore() }
        }
        return true
    }

    /// Ends curses mode if it is still on. Safe from any thread or signal
    /// handler, any number of times: only the first call does anything.
    ///
    /// - Returns: whether this call ran `endwin`.
    @discardableResult
    static func restore() -> Bool {
        if transition(from: [.active], to: .restored) {
            endwin()
            return true
        }
        // Suspended: endwin has run already.
        _ = transition(from: [.suspended], to: .restored)
        return false
    }

    /// Leaves curses mode while another program uses the terminal. Until
    /// ``resume()``, SIGINT and SIGQUIT are ignored here: typed in that
    /// program, they are meant for it (as `system()` does; the program
    /// itself gets the default handling, since caught signals reset on exec).
    static func suspend() {
        if transition(from: [.active], to: .suspended) { endwin() }
    }

    /// Back to curses mode after ``suspend()``.
    static func resume() {
        _ = transition(from: [.suspended], to: .active)
    }

    /// After a normal shutdown (or a failed start): hands the signals back to
    /// their previous handlers and allows a new session.
    static func deactivate() {
        for signal in installed {
            sigaction(signal, previousActions + Int(signal), nil)
        }
        installed = []
        phase.store(Phase.idle.rawValue, ordering: .releasing)
    }

    private static func installHandlers() {
        for signal in exitSignals + crashSignals {
            let slot = previousActions + Int(signal)
            guard sigaction(signal, nil, slot) == 0 else { continue }
            // An ignored hang-up (nohup) or interrupt (background job) stays ignored.
            if exitSignals.contains(signal), handlerAddress(slot.pointee) == ignoredAddress { continue }
            var action = sigaction()
            setHandler(&action, signalHandler)
            sigemptyset(&action.sa_mask)
            // SA_ONSTACK: a stack overflow is handled on the alternate stack
            // the Swift runtime sets up, or the handler could not run at all.
            // SA_RESTART: an ignored SIGINT while suspended must not break
            // the wait for the editor.
            action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART
            if sigaction(signal, &action, nil) == 0 { installed.append(signal) }
        }
    }

    /// Restores the terminal, then hands the signal to what handled it
    /// before (ours is uninstalled first, so a fault that recurs cannot loop
    /// back here):
    /// - a handler (Swift's backtracer) is called with the original details;
    ///   if it returns and the process lives on (the backtracer survives
    ///   SIGQUIT), the next refresh re-enters curses mode, so the phase
    ///   goes back to what it was, armed for the final shutdown;
    /// - the default action is re-raised, to be delivered as soon as this
    ///   handler returns (exit status 128+n, core dump where due).
    private static let signalHandler: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = { signal, info, context in
        let before = TerminalRestorer.phase.load(ordering: .acquiring)
        if (signal == SIGINT || signal == SIGQUIT) && before == Phase.suspended.rawValue { return }
        TerminalRestorer.restore()
        let previous = TerminalRestorer.previousActions[Int(signal)]
        sigaction(signal, TerminalRestorer.previousActions + Int(signal), nil)
        let address = TerminalRestorer.handlerAddress(previous)
        if address == TerminalRestorer.defaultAddress || address == TerminalRestorer.ignoredAddress {
            raise(signal)
            return
        }
        if previous.sa_flags & SA_SIGINFO != 0 {
            TerminalRestorer.infoHandler(previous)?(signal, info, context)
        } else {
            TerminalRestorer.plainHandler(previous)?(signal)
        }
        TerminalRestorer.survived(returningTo: before)
    }

    /// Puts the phase back after a signal the process survived.
    private static func survived(returningTo before: UInt8) {
        guard before == Phase.active.rawValue || before == Phase.suspended.rawValue else { return }
        _ = phase.compareExchange(expected: Phase.restored.rawValue, desired: before, ordering: .acquiringAndReleasing)
    }

    private typealias InfoHandler = @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void

    /// The handler values of `SIG_DFL` and `SIG_IGN`.
    private static let defaultAddress = 0
    private static let ignoredAddress = 1

    #if canImport(Glibc)
    private static func setHandler(_ action: inout sigaction, _ handler: InfoHandler) {
        action.__sigaction_handler.sa_sigaction = handler
    }

    private static func handlerAddress(_ action: sigaction) -> Int {
        unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
    }

    private static func infoHandler(_ action: sigaction) -> InfoHandler? {
        action.__sigaction_handler.sa_sigaction
    }

    private static func plainHandler(_ action: sigaction) -> (@convention(c) (Int32) -> Void)? {
        action.__sigaction_handler.sa_handler
    }
    #else
    private static func setHandler(_ action: inout sigaction, _ handler: InfoHandler) {
        action.__sigaction_u.__sa_sigaction = handler
    }

    private static func handlerAddress(_ action: sigaction) -> Int {
        unsafeBitCast(action.__sigaction_u.__sa_handler, to: Int.self)
    }

    private static func infoHandler(_ action: sigaction) -> InfoHandler? {
        action.__sigaction_u.__sa_sigaction
    }

    private static func plainHandler(_ action: sigaction) -> (@convention(c) (Int32) -> Void)? {
        action.__sigaction_u.__sa_handler
    }
    #endif
}
