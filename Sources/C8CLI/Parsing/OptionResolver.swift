/// Completes the options typed on the command line with environment
/// fallbacks, then enforces the command's constraints and required options.
///
/// Precedence: a flag beats its own environment variable, and within an
/// `.exclusive` group a flag also beats the other members' variables.
struct OptionResolver {
    let spec: CommandSpec
    let environment: [String: String]

    /// - Parameters:
    ///   - explicit: option values from the command line, by option name, in
    ///     the order typed (several only for repeatable options).
    ///   - flags: names of the flags given.
    /// - Returns: every option with a value, by name, with its source.
    func resolve(explicit: [String: [String]],
                 flags: Set<String>) throws(UsageError) -> [String: ParsedArguments.Value] {
        var values = explicit.mapValues { ParsedArguments.Value(texts: $0, source: .commandLine) }
        let given = Set(explicit.keys).union(flags)
        let silenced = silencedByExclusiveGroups(given: given)
        for option in spec.options where values[option.name] == nil && !silenced.contains(option.name) {
            guard let variable = option.environmentVariable,
                  let text = environment[variable], !text.isEmpty else { continue }
            if let expected = option.valueKind.problem(with: text) {
                throw .invalidValue(option: "\(option.flagName) (from \(variable))",
                                    value: text, expected: expected)
            }
            values[option.name] = ParsedArguments.Value(texts: [text], source: .environment(variable: variable))
        }
        let present = Set(values.keys).union(flags)
        try checkConstraints(present: present, given: given)
        if let missing = spec.options.first(where: { $0.isRequired && values[$0.name] == nil }) {
            throw .missingOption(missing.flagName)
        }
        return values
    }

    /// Options whose environment fallback must not apply because another
    /// member of their exclusive group was given on the command line.
    private func silencedByExclusiveGroups(given: Set<String>) -> Set<String> {
        var silenced: Set<String> = []
        for case .exclusive(let group) in spec.constraints
        where group.contains(where: { given.contains($0.name) }) {
            silenced.formUnion(group.map(\.name).filter { !given.contains($0) })
        }
        return silenced
    }

    private func checkConstraints(present: Set<String>, given: Set<String>) throws(UsageError) {
        for constraint in spec.constraints {
            switch constraint {
            case .exclusive(let group):
                let inEffect = group.filter { present.contains($0.name) }
                guard inEffect.count > 1 else { continue }
                let typed = inEffect.filter { given.contains($0.name) }
                if typed.count > 1 {
                    throw .conflictingOptions(typed.map(\.flagName))
                }
                throw .conflictingEnvironment(variables: inEffect.compactMap(\.environmentVariable),
                                              options: inEffect.map(\.flagName))
            case .together(let group):
                let missing = group.filter { !present.contains($0.name) }
                if !missing.isEmpty && missing.count < group.count {
                    throw .incompleteGroup(options: group.map(\.flagName), missing: missing.map(\.flagName))
                }
            }
        }
    }
}
