/// The `Usage:` block, shared by `--help` and by usage errors so both show
/// exactly the same synopsis.
enum UsageFormatter {
    /// `Usage: c8 <name> <first line>` with the command's continuation
    /// lines aligned under the first.
    static func lines(for spec: CommandSpec) -> [String] {
        let prefix = "Usage: \(ToolInfo.name) \(spec.name) "
        let hanging = String(repeating: " ", count: prefix.count)
        return spec.usage.enumerated().map { index, line in
            (index == 0 ? prefix : hanging) + line
        }
    }

    /// The tool's own synopsis: each line is an alternative form.
    static func toolLines() -> [String] {
        let prefix = "Usage: "
        let hanging = String(repeating: " ", count: prefix.count)
        return ToolInfo.usage.enumerated().map { index, line in
            (index == 0 ? prefix : hanging) + "\(ToolInfo.name) " + line
        }
    }
}
