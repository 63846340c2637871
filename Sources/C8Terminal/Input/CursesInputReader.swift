import C8Console
import CNCurses

/// Reads `get_wch` and turns what it returns into ``InputEvent``s: the
/// ncurses half of input decoding (``KeyDecoder`` is the pure half).
final class CursesInputReader {
    private let decoder: KeyDecoder
    /// A key read while checking whether ESC started an Alt+key, that turned
    /// out to be a key of its own.
    private var pending: RawInput?

    init(decoder: KeyDecoder) {
        self.decoder = decoder
    }

    /// The next event within `timeout` seconds (negative: wait forever).
    /// Input that means nothing to the console (an unmapped key, a mouse
    /// button other than the left one) is skipped without ending the wait.
    func next(timeout: Double, size: () -> (width: Int, height: Int)) -> InputEvent? {
        let clock = ContinuousClock()
        let deadline = timeout < 0 ? nil : clock.now.advanced(by: .milliseconds(Self.milliseconds(timeout)))
        while true {
            let wait = deadline.map { Self.milliseconds(clock.now.duration(to: $0)) } ?? -1
            guard let raw = takePending() ?? read(waitingMilliseconds: wait) else { return nil }
            if let event = interpret(raw, size: size) { return event }
            if let deadline, clock.now >= deadline { return nil }
        }
    }

    private func interpret(_ raw: RawInput, size: () -> (width: Int, height: Int)) -> InputEvent? {
        switch decoder.decode(raw) {
        case .key(let key):
            return .key(key)
        case .escape:
            // ncurses has waited ESCDELAY already: a key that belongs to this
            // ESC is buffered by now.
            let next = read(waitingMilliseconds: 0)
            let (key, consumed) = decoder.decode(escapeFollowedBy: next)
            if !consumed { pending = next }
            return .key(key)
        case .resize:
            let current = size()
            return .resize(width: current.width, height: current.height)
        case .mouse:
            var report = MEVENT()
            guard getmouse(&report) == OK else { return nil }
            return MouseDecoder.decode(buttonState: report.bstate, x: Int(report.x), y: Int(report.y)).map(InputEvent.mouse)
        case nil:
            return nil
        }
    }

    private func takePending() -> RawInput? {
        defer { pending = nil }
        return pending
    }

    private func read(waitingMilliseconds milliseconds: Int) -> RawInput? {
        let window = c8_stdscr()
        wtimeout(window, Int32(clamping: milliseconds))
        var value: wint_t = 0
        switch wget_wch(window, &value) {
        case OK: return .character(UInt32(value))
        case KEY_CODE_YES: return .keyCode(Int32(bitPattern: UInt32(value)))
        default: return nil  // ERR: timed out (or interrupted)
        }
    }

    private static func milliseconds(_ seconds: Double) -> Int {
        guard seconds.isFinite else { return Int(Int32.max) }
        return Int(min((seconds * 1000).rounded(.up), Double(Int32.max)))
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(0, Int(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000))
    }
}
