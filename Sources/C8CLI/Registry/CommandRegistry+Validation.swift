/// Consistency checks over the declarations, run by the tests so a new
/// command with a mistake in its spec fails CI instead of confusing users.
extension CommandRegistry {
    /// Human-readable descriptions of everything wrong with the registry;
    /// empty when it is consistent.
    public func problems() -> [String] {
        var problems: [String] = []
        if command(named: defaultCommandName) == nil {
            problems.append("default command '\(defaultCommandName)' is not registered")
        }
        let everyCommand = commands + hiddenCommands
        problems += Self.duplicates(in: everyCommand.map(\.spec.name)).map { "command '\($0)' is registered twice" }
        for command in everyCommand {
            problems += Self.problems(in: command.spec).map { "\(command.spec.name): \($0)" }
        }
        return problems
    }

    private static func problems(in spec: CommandSpec) -> [String] {
        var problems: [String] = []
        let synopsis = spec.usage.joined(separator: " ")
        if spec.usage.isEmpty { problems.append("has no usage line") }
        if spec.summary.isEmpty { problems.append("has no summary") }
        problems += Self.duplicates(in: spec.options.map(\.name)).map { "option --\($0) is declared twice" }
        for option in spec.options {
            if option.name == "help" { problems.append("--help is built in; do not declare it") }
            if !synopsis.contains(option.flagName) {
                problems.append("usage does not mention \(option.flagName)")
            }
        }
        for positional in spec.positionals where !synopsis.contains(positional.name) {
            problems.append("usage does not mention \(positional.name)")
        }
        let firstOptional = spec.positionals.firstIndex(where: \.isOptional) ?? spec.positionals.endIndex
        if spec.positionals[firstOptional...].contains(where: { !$0.isOptional }) {
            problems.append("a required positional follows an optional one")
        }
        for constraint in spec.constraints {
            for option in constraint.options where spec.option(named: option.name) != option {
                problems.append("constraint names undeclared option \(option.flagName)")
            }
        }
        return problems
    }

    private static func duplicates(in names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { !seen.insert($0).inserted }
    }
}
