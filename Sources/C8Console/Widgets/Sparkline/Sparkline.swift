/// A row of block characters, one per sample, scaled to the largest
/// sample shown: how a rate moved over the last seconds at a glance
/// (k9s' pulses, btop's graphs) in a table cell.
public enum Sparkline {
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The newest `width` samples, oldest left; fewer samples are padded
    /// with spaces on the left so the newest always sits at the right edge.
    /// Zero is the lowest bar (an idle stream still shows a baseline).
    /// The scale reaches at least `ceiling`: a steady value below what
    /// counts as high (a link's normal lag) stays low instead of filling
    /// the cell.
    public static func render(_ samples: [Double], width: Int, ceiling: Double = 0) -> String {
        guard width > 0 else { return "" }
        let shown = samples.suffix(width)
        let peak = max(shown.max() ?? 0, ceiling)
        var text = String(repeating: " ", count: width - shown.count)
        for sample in shown {
            let level = peak > 0 ? Int((max(0, sample) / peak * Double(levels.count - 1)).rounded()) : 0
            text.append(levels[min(levels.count - 1, level)])
        }
        return text
    }
}
