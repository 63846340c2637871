/// Why the curses terminal could not start.
public enum CursesTerminalError: Error, Equatable, CustomStringConvertible {
    /// There is no controlling terminal (/dev/tty cannot be opened).
    case notATerminal
    /// ncurses does not know `TERM` (or it is unset).
    case unknownTerminalType(String?)
    /// A curses terminal is already running in this process.
    case alreadyActive

    public var description: String {
        switch self {
        case .notATerminal:
            return "the console needs a terminal, and /dev/tty cannot be opened (no controlling terminal)"
        case .unknownTerminalType(let name?):
            return "unknown terminal type '\(name)': set TERM to one listed by 'toe -a' (e.g. xterm-256color)"
        case .unknownTerminalType(nil):
            return "TERM is not set: set it to your terminal's type (e.g. xterm-256color)"
        case .alreadyActive:
            return "a console is already running in this process"
        }
    }
}
