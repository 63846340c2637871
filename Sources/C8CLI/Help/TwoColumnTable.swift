/// The "name   explanation" layout of the Commands, Options and Arguments
/// sections: names in a left column, explanations wrapped beside them.
struct TwoColumnTable {
    var rows: [(label: String, text: String)] = []

    /// Labels longer than this put their explanation on the next line, so
    /// one long option does not push every explanation to the far right.
    private static let maximumLabelWidth = 26
    private static let indent = "  "
    private static let gap = "  "

    /// The table as lines no wider than `width` (unless a single word is).
    func render(width: Int) -> [String] {
        let fitting = rows.map(\.label.count).filter { $0 <= Self.maximumLabelWidth }
        let labelWidth = fitting.max() ?? Self.maximumLabelWidth
        let textColumn = Self.indent.count + labelWidth + Self.gap.count
        let hanging = String(repeating: " ", count: textColumn)
        var lines: [String] = []
        for row in rows {
            var text = TextWrapper.wrap(row.text, width: max(width - textColumn, 20))
            let label = Self.indent + row.label
            if row.label.count > labelWidth {
                lines.append(label)
            } else if !text.isEmpty {
                let padding = String(repeating: " ", count: textColumn - label.count)
                lines.append(label + padding + text.removeFirst())
            } else {
                lines.append(label)
            }
            lines += text.map { hanging + $0 }
        }
        return lines
    }
}
