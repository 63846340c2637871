/// Turns one command's words into `ParsedArguments`, or a `UsageError`.
///
/// Accepts `--name value`, `--name=value`, bare flags, `--` to end options,
/// and `-` as an ordinary positional (standard input). `-h`/`--help`
/// anywhere before `--` wins over every other word, so a user halfway
/// through a mistaken command line can always ask for help.
public struct ArgumentParser: Sendable {
    /// What the words asked for.
    public enum Outcome: Sendable, Equatable {
        case help
        case arguments(ParsedArguments)
    }

    public let spec: CommandSpec
    /// Consulted for options that declare an environment variable.
    public let environment: [String: String]

    public init(spec: CommandSpec, environment: [String: String]) {
        self.spec = spec
        self.environment = environment
    }

    /// Parses the words after `c8 <command>`.
    ///
    /// - Throws: the first problem found, as a `UsageError`.
    public func parse(_ words: [String]) throws(UsageError) -> Outcome {
        if words.prefix(while: { $0 != "--" }).contains(where: HelpRequest.isHelpFlag) {
            return .help
        }
        let scanned = try scan(words)
        let positionals = try bindPositionals(scanned.positionals)
        let resolver = OptionResolver(spec: spec, environment: environment)
        let values = try resolver.resolve(explicit: scanned.values, flags: scanned.flags)
        return .arguments(ParsedArguments(spec: spec, values: values, flags: scanned.flags,
                                          positionals: positionals))
    }

    /// The words sorted into options, flags and positionals, as typed.
    private struct Scan {
        var values: [String: [String]] = [:]
        var flags: Set<String> = []
        var positionals: [String] = []
    }

    private func scan(_ words: [String]) throws(UsageError) -> Scan {
        var scan = Scan()
        var remaining = words[...]
        var optionsEnded = false
        while let word = remaining.popFirst() {
            if optionsEnded || !Self.looksLikeOption(word) {
                scan.positionals.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }
            let (name, inlineValue) = Self.split(word)
            guard word.hasPrefix("--"), let option = spec.option(named: name) else {
                throw .unknownOption(String(word.prefix { $0 != "=" }), suggestion: suggestion(for: word))
            }
            switch option.kind {
            case .flag:
                guard inlineValue == nil else { throw .unexpectedValue(option: option.flagName) }
                guard scan.flags.insert(option.name).inserted else {
                    throw .repeatedOption(option.flagName)
                }
            case .value:
                var value = inlineValue
                if value == nil, let next = remaining.first, !Self.looksLikeOption(next) {
                    value = remaining.popFirst()
                }
                guard let value, !value.isEmpty else { throw .missingValue(option: option.flagName) }
                guard scan.values[option.name] == nil || option.isRepeatable else {
                    throw .repeatedOption(option.flagName)
                }
                if let expected = option.valueKind.problem(with: value) {
                    throw .invalidValue(option: option.flagName, value: value, expected: expected)
                }
                scan.values[option.name, default: []].append(value)
            }
        }
        return scan
    }

    private func bindPositionals(_ words: [String]) throws(UsageError) -> [String: String] {
        var bound: [String: String] = [:]
        for (index, positional) in spec.positionals.enumerated() {
            if index < words.count {
                bound[positional.name] = words[index]
            } else if !positional.isOptional {
                throw .missingArgument(positional.name)
            }
        }
        if words.count > spec.positionals.count {
            throw .unexpectedArgument(words[spec.positionals.count])
        }
        return bound
    }

    private func suggestion(for word: String) -> String? {
        NameSuggester.closest(to: "--" + Self.split(word).name,
                              among: spec.options.map(\.flagName) + ["--help"])
    }

    /// `-` alone means standard input and `-5` is a number, but every other
    /// word starting with a dash is treated as an option, so a forgotten
    /// value (`--fabric --bind ...`) is reported instead of swallowing the
    /// next option. `--name=-value` passes a value that starts with a dash.
    static func looksLikeOption(_ word: String) -> Bool {
        word.hasPrefix("-") && word != "-" && Double(word) == nil
    }

    /// `--name=value` into `("name", "value")`; `--name` into `("name", nil)`.
    static func split(_ word: String) -> (name: String, value: String?) {
        let body = word.hasPrefix("--") ? word.dropFirst(2) : word.dropFirst()
        guard let equals = body.firstIndex(of: "=") else { return (String(body), nil) }
        return (String(body[..<equals]), String(body[body.index(after: equals)...]))
    }
}
