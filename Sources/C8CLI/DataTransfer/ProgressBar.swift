/// A one-line progress display for long transfers, redrawn in place on
/// standard error when (and only when) it is a terminal:
///
///     importing  42% [###########...............] 420,000 docs  81,200 docs/s  ETA 0:07
///     importing 420,000 docs  81,200 docs/s          (size unknown, e.g. a pipe)
///
/// Redraws at most ten times a second, so calling `update` per batch costs
/// nothing measurable; `clear()` removes the line before other output.
final class ProgressBar {
    private static let barWidth = 24
    private static let redrawInterval = 0.1

    private let sink: any TextSink
    private let verb: String
    /// The amount `completed` grows to (bytes of input, or documents), when known.
    private let total: Int?
    private let stopwatch = Stopwatch()
    private var lastDraw = -1.0
    private var visible = false

    private init(sink: any TextSink, verb: String, total: Int?) {
        self.sink = sink
        self.verb = verb
        self.total = total.flatMap { $0 > 0 ? $0 : nil }
    }

    /// A progress bar on `sink`, or nil when `sink` is not a terminal.
    static func onTerminal(_ sink: any TextSink, verb: String, total: Int?) -> ProgressBar? {
        sink.isTerminal ? ProgressBar(sink: sink, verb: verb, total: total) : nil
    }

    /// Reports `documents` done and `completed` of `total`.
    func update(documents: Int, completed: Int) {
        let now = stopwatch.seconds
        guard now - lastDraw >= Self.redrawInterval else { return }
        lastDraw = now
        sink.write("\r" + Self.line(verb: verb, documents: documents, completed: completed, total: total, seconds: now)
                   + "\u{1B}[K")
        visible = true
    }

    /// Erases the line (before a message, or when done).
    func clear() {
        guard visible else { return }
        sink.write("\r\u{1B}[K")
        visible = false
        lastDraw = -1
    }

    /// The text of one redraw, without the carriage return.
    static func line(verb: String, documents: Int, completed: Int, total: Int?, seconds: Double) -> String {
        let rate = "\(NumberText.count(documents)) docs  \(NumberText.rate(documents, seconds: seconds)) docs/s"
        guard let total else { return "\(verb) \(rate)" }
        let fraction = min(1, Double(completed) / Double(total))
        let filled = Int(fraction * Double(barWidth))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled)
        let percent = String(Int(fraction * 100))
        var text = "\(verb) \(String(repeating: " ", count: 3 - percent.count))\(percent)% [\(bar)] \(rate)"
        if completed > 0, seconds > 0 {
            let remaining = Double(total - completed) / (Double(completed) / seconds)
            text += "  ETA \(NumberText.clock(remaining))"
        }
        return text
    }
}
