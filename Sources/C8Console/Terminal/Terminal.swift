/// A terminal the console draws on and reads from. The ncurses backend
/// (C8Terminal) is one; ``MemoryTerminal`` is the one tests use.
public protocol Terminal: AnyObject {
    /// Columns and rows.
    var size: (width: Int, height: Int) { get }
    /// How many colours the terminal shows (themes adapt to it).
    var colorDepth: ColorDepth { get }
    /// Shows `buffer`, redrawing only what changed since the last call.
    func draw(_ buffer: ScreenBuffer)
    /// The next input, waiting at most `timeout` seconds; nil on timeout.
    func nextEvent(timeout: Double) -> InputEvent?
    /// Restores the terminal to how it was found. Safe to call twice.
    func shutdown()
    /// Hands the terminal to another program (the user's `$EDITOR`) …
    func suspend()
    /// … and takes it back, redrawing everything on the next draw.
    func resume()
}

extension Terminal {
    public func suspend() {}
    public func resume() {}
}

/// A terminal in memory: tests queue input and read what was drawn.
public final class MemoryTerminal: Terminal {
    public private(set) var size: (width: Int, height: Int)
    public let colorDepth: ColorDepth
    public private(set) var screen: ScreenBuffer?
    public private(set) var drawCount = 0
    public private(set) var isShutDown = false
    private var queued: [InputEvent] = []

    public init(width: Int = 80, height: Int = 24, colorDepth: ColorDepth = .colors256) {
        size = (width, height)
        self.colorDepth = colorDepth
    }

    public func draw(_ buffer: ScreenBuffer) {
        screen = buffer
        drawCount += 1
    }

    public func nextEvent(timeout: Double) -> InputEvent? {
        queued.isEmpty ? nil : queued.removeFirst()
    }

    public func shutdown() {
        isShutDown = true
    }

    /// Queues input for the console to read.
    public func send(_ events: InputEvent...) {
        queued.append(contentsOf: events)
    }

    /// Queues each character of `text` as a key press.
    public func type(_ text: String) {
        for c in text { queued.append(.key(c == "\n" ? KeyEvent(.enter) : .char(c))) }
    }

    public func resize(width: Int, height: Int) {
        size = (width, height)
        queued.append(.resize(width: width, height: height))
    }

    public var pendingInput: Int { queued.count }
}
