/// Generates `c8 --help` and `c8 <command> --help` from the registry, so
/// help always lists exactly the commands and options that the parser
/// accepts.
struct HelpFormatter {
    /// Help is laid out for 80 columns regardless of the terminal, which
    /// keeps it deterministic for tests and readable when piped.
    var width = 80

    /// The text of `c8 --help`.
    func toolHelp(registry: CommandRegistry) -> String {
        var commands = TwoColumnTable()
        for command in registry.commands {
            let isDefault = command.spec.name == registry.defaultCommandName
            commands.rows.append((command.spec.name,
                                  command.spec.summary + (isDefault ? " (the default)" : "")))
        }
        var options = TwoColumnTable()
        options.rows = [("-h, --help", "Show this help; after a command, that command's help"),
                        ("--version", "Print the version")]
        var sections: [[String]] = [
            ["\(ToolInfo.name) \(ToolInfo.version) — \(ToolInfo.summary)"],
            TextWrapper.wrap(ToolInfo.description, width: width),
            UsageFormatter.toolLines(),
            ["Commands:"] + commands.render(width: width),
            ["Options:"] + options.render(width: width),
        ]
        let environment = environmentTable(registry: registry)
        if !environment.rows.isEmpty {
            sections.append(["Environment:"] + environment.render(width: width))
        }
        sections.append(["Run '\(ToolInfo.name) <command> --help' for a command's options and examples."])
        return Self.join(sections)
    }

    /// The text of `c8 <command> --help`.
    func commandHelp(_ spec: CommandSpec) -> String {
        var sections: [[String]] = [
            ["\(ToolInfo.name) \(spec.name) — \(spec.summary)"],
            UsageFormatter.lines(for: spec),
            TextWrapper.wrap(spec.description, width: width),
        ]
        if !spec.positionals.isEmpty {
            var arguments = TwoColumnTable()
            arguments.rows = spec.positionals.map { ($0.name, $0.summary + ($0.isOptional ? " (optional)" : "")) }
            sections.append(["Arguments:"] + arguments.render(width: width))
        }
        var options = TwoColumnTable()
        options.rows = spec.options.map { (Self.label(for: $0), Self.explanation(for: $0)) }
        options.rows.append(("-h, --help", "Show this help"))
        sections.append(["Options:"] + options.render(width: width))
        if !spec.examples.isEmpty {
            sections.append(["Examples:"] + spec.examples.map { "  " + $0 })
        }
        return Self.join(sections)
    }

    /// Every environment variable any command reads, once, with the options
    /// it stands in for.
    private func environmentTable(registry: CommandRegistry) -> TwoColumnTable {
        var table = TwoColumnTable()
        var seen: Set<String> = []
        for option in registry.commands.flatMap(\.spec.options) {
            guard let variable = option.environmentVariable, seen.insert(variable).inserted else { continue }
            table.rows.append((variable, "Used when \(option.flagName) is not given"))
        }
        return table
    }

    /// `--port P`, `--read-only`.
    private static func label(for option: OptionSpec) -> String {
        option.placeholder.map { "\(option.flagName) \($0)" } ?? option.flagName
    }

    /// The summary plus what a user must know to use it: required, env.
    private static func explanation(for option: OptionSpec) -> String {
        var text = option.summary
        if option.isRequired { text += " (required)" }
        if let variable = option.environmentVariable {
            text += " [env:\(TextWrapper.nonBreakingSpace)\(variable)]"
        }
        return text
    }

    /// Sections separated by a blank line, ending in a newline.
    private static func join(_ sections: [[String]]) -> String {
        sections.map { $0.joined(separator: "\n") }.joined(separator: "\n\n") + "\n"
    }
}
