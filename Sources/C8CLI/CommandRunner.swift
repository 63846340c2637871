/// Dispatches one `c8` invocation: picks the command, parses its words,
/// runs it, and turns every outcome into output and an exit status.
///
/// This is the only place that prints errors, so every failure looks the
/// same: one line `c8 <command>: <message>` on standard error, followed for
/// usage errors by the usage lines and a pointer to `--help`.
struct CommandRunner {
    let registry: CommandRegistry
    let context: CommandContext
    private let help = HelpFormatter()

    /// Runs the words after the program name and returns the exit status.
    func run(_ words: [String]) -> Int32 {
        guard let first = words.first else {
            return run(registry.defaultCommandName, words: [])
        }
        if HelpRequest.isHelpFlag(first) {
            context.standardOutput.write(help.toolHelp(registry: registry))
            return ExitStatus.success
        }
        if first == "--version" {
            context.standardOutput.writeLine("\(ToolInfo.name) \(ToolInfo.version)")
            return ExitStatus.success
        }
        if first.hasPrefix("-") {
            let suggestion = NameSuggester.closest(to: first, among: ["--help", "--version"])
            return reportToolUsage(.unknownOption(first, suggestion: suggestion))
        }
        guard registry.command(named: first) != nil else {
            let suggestion = NameSuggester.closest(to: first, among: registry.names)
            return reportToolUsage(.unknownCommand(first, suggestion: suggestion))
        }
        return run(first, words: Array(words.dropFirst()))
    }

    private func run(_ name: String, words: [String]) -> Int32 {
        guard let command = registry.command(named: name) else {
            return reportToolUsage(.unknownCommand(name, suggestion: nil))
        }
        let spec = command.spec
        do {
            let parser = ArgumentParser(spec: spec, environment: context.environment)
            switch try parser.parse(words) {
            case .help:
                context.standardOutput.write(help.commandHelp(spec))
                return ExitStatus.success
            case .arguments(let arguments):
                return try command.run(arguments, context: context)
            }
        } catch let error as UsageError {
            return reportUsage(error, spec: spec)
        } catch let failure as CommandFailure {
            return reportFailure(failure.message, commandName: name)
        } catch {
            return reportFailure(String(describing: error), commandName: name)
        }
    }

    private func reportFailure(_ message: String, commandName: String) -> Int32 {
        context.standardError.writeLine("\(ToolInfo.name) \(commandName): \(message)")
        return ExitStatus.failure
    }

    private func reportUsage(_ error: UsageError, spec: CommandSpec) -> Int32 {
        let lines = ["\(ToolInfo.name) \(spec.name): \(error.message)"]
            + UsageFormatter.lines(for: spec)
            + ["Run '\(ToolInfo.name) \(spec.name) --help' for more."]
        context.standardError.write(lines.map { $0 + "\n" }.joined())
        return ExitStatus.usage
    }

    private func reportToolUsage(_ error: UsageError) -> Int32 {
        let lines = ["\(ToolInfo.name): \(error.message)"]
            + UsageFormatter.toolLines()
            + ["Run '\(ToolInfo.name) --help' for more."]
        context.standardError.write(lines.map { $0 + "\n" }.joined())
        return ExitStatus.usage
    }
}
