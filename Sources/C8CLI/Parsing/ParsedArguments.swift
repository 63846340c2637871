/// A command's arguments after parsing, environment fallback and
/// validation: what `Command.run` receives.
///
/// Look values up with the same `OptionSpec` / `PositionalSpec` constants the
/// command declared; asking for an undeclared one is a programming error and
/// trips an assertion in debug builds.
public struct ParsedArguments: Sendable, Equatable {
    /// Where an option's value came from, for messages such as "using
    /// C8_URL" and for tests of precedence.
    public enum Source: Sendable, Equatable {
        case commandLine
        case environment(variable: String)
    }

    /// An option's values (one unless the option is repeatable) and their origin.
    public struct Value: Sendable, Equatable {
        public let texts: [String]
        public let source: Source
        /// The value of a single-valued option.
        public var text: String { texts[0] }
    }

    /// The command these arguments belong to.
    public let commandName: String
    private let values: [String: Value]
    private let flags: Set<String>
    private let positionals: [String: String]
    private let declaredNames: Set<String>

    init(spec: CommandSpec, values: [String: Value], flags: Set<String>,
         positionals: [String: String]) {
        self.commandName = spec.name
        self.values = values
        self.flags = flags
        self.positionals = positionals
        self.declaredNames = Set(spec.options.map(\.name) + spec.positionals.map(\.name))
    }

    /// The value of an option such as `--fabric`, or nil when neither the
    /// command line nor its environment variable supplied one.
    public func value(_ option: OptionSpec) -> String? {
        checkDeclared(option.name)
        return values[option.name]?.text
    }

    /// Every value of a repeatable option such as `--trusted-origin`, in
    /// the order given; empty when it was not given.
    public func values(_ option: OptionSpec) -> [String] {
        checkDeclared(option.name)
        return values[option.name]?.texts ?? []
    }

    /// The value of an integer option; the parser has already checked it
    /// against the option's `ValueKind`.
    public func integer(_ option: OptionSpec) -> Int? {
        value(option).flatMap { Int($0) }
    }

    /// Whether a flag such as `--read-only` was given.
    public func isSet(_ flag: OptionSpec) -> Bool {
        checkDeclared(flag.name)
        return flags.contains(flag.name)
    }

    /// Where the option's value came from, or nil when it has none.
    public func source(of option: OptionSpec) -> Source? {
        checkDeclared(option.name)
        return values[option.name]?.source
    }

    /// The value of a positional argument such as `QUERY`, or nil for an
    /// optional one that was left out.
    public func value(_ positional: PositionalSpec) -> String? {
        checkDeclared(positional.name)
        return positionals[positional.name]
    }

    private func checkDeclared(_ name: String) {
        assert(declaredNames.contains(name), "c8 \(commandName) does not declare '\(name)'")
    }
}
