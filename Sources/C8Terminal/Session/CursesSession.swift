import C8Console
import CNCurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sets ncurses up and tears it down: everything about terminal modes lives
/// here, nothing about drawing or keys.
final class CursesSession {
    let colorDepth: ColorDepth
    /// How theme colours become colour numbers; nil when monochrome.
    let colorMapper: CursesColorMapper?
    /// `COLOR_PAIRS` (1 when monochrome: only pair 0).
    let pairCount: Int
    private let screen: OpaquePointer
    private let stream: UnsafeMutablePointer<FILE>
    private var isOpen = true

    /// - Parameters:
    ///   - mouse: report clicks and the wheel (the terminal's own text
    ///     selection then needs Shift in most emulators).
    ///   - maximumColorDepth: caps colours below what the terminal reports
    ///     (`.monochrome` for NO_COLOR or `--no-color`).
    ///   - escapeDelay: milliseconds ncurses waits after ESC for the rest of
    ///     an escape sequence; also how long Escape takes to register.
    init(mouse: Bool, maximumColorDepth: ColorDepth, escapeDelay: Int) throws {
        Self.selectUTF8Locale()
        guard TerminalRestorer.activate() else { throw CursesTerminalError.alreadyActive }
        var started = false
        defer { if !started { TerminalRestorer.deactivate() } }

        guard let stream = fopen("/dev/tty", "r+") else { throw CursesTerminalError.notATerminal }
        // newterm on /dev/tty, not initscr: initscr exits the process on an
        // unknown TERM and writes to stdout, which may be redirected.
        guard let screen = newterm(nil, stream, stream) else {
            fclose(stream)
            throw CursesTerminalError.unknownTerminalType(getenv("TERM").map { String(cString: $0) })
        }
        self.screen = screen
        self.stream = stream
        started = true

        raw()  // Ctrl-C, Ctrl-Z, Ctrl-S arrive as keys; the console decides
        noecho()
        nonl()  // Enter reads as CR, and output moves are not translated
        keypad(c8_stdscr(), true)
        set_escdelay(Int32(escapeDelay))
        curs_set(0)
        if mouse {
            mousemask(MouseDecoder.mask, nil)
            mouseinterval(0)  // report press and release at once, no click detection delay
        }

        if maximumColorDepth != .monochrome, has_colors(), start_color() == OK {
            let hasDefaults = use_default_colors() == OK
            let count = Int(c8_COLORS())
            let reported = ColorDepth(colorCount: count)
            colorDepth = reported.rawValue <= maximumColorDepth.rawValue ? reported : maximumColorDepth
            colorMapper = colorDepth == .monochrome ? nil
                : CursesColorMapper(colorCount: count, hasDefaultColors: hasDefaults)
            pairCount = colorMapper == nil ? 1 : Int(c8_COLOR_PAIRS())
        } else {
            colorDepth = .monochrome
            colorMapper = nil
            pairCount = 1
        }
    }

    /// The key codes this terminal's terminfo assigns to modified cursor keys.
    func extendedKeyTable() -> [Int32: KeyEvent] {
        ExtendedKeys.table { name in
            guard let sequence = tigetstr(name), Int(bitPattern: sequence) != -1 else { return nil }
            let code = key_defined(sequence)
            return code > 0 ? code : nil
        }
    }

    var size: (width: Int, height: Int) {
        var rows: Int32 = 0, columns: Int32 = 0
        c8_getmaxyx(c8_stdscr(), &rows, &columns)
        return (Int(columns), Int(rows))
    }

    /// Leaves curses mode for a while, so another program (the user's
    /// editor) gets a normal terminal. ncurses remembers its modes.
    func suspend() {
        TerminalRestorer.suspend()
    }

    /// Re-enters curses mode: the refresh restores raw mode, keypad, mouse
    /// and the alternate screen, and repaints it.
    func resume() {
        TerminalRestorer.resume()
        wrefresh(c8_stdscr())
    }

    /// Leaves curses mode (once) and frees the screen. Idempotent.
    func close() {
        guard isOpen else { return }
        isOpen = false
        TerminalRestorer.restore()
        TerminalRestorer.deactivate()
        delscreen(screen)
        fclose(stream)
    }

    /// ncurses decodes and measures text with the C library's locale; without
    /// a UTF-8 one, wide characters come out as `M-` garbage. Use the user's
    /// locale, and only if it is not UTF-8 fall back to C.UTF-8 for
    /// character handling.
    private static func selectUTF8Locale() {
        setlocale(LC_ALL, "")
        guard let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) != "UTF-8" else { return }
        setlocale(LC_CTYPE, "C.UTF-8")
    }
}
