/// Everything the command line knows about one command except what it
/// does: its name, help text, options and arguments.
///
/// Help, usage lines in error messages and the parser are all generated from
/// this one value, so documentation cannot drift from behaviour.
public struct CommandSpec: Sendable {
    /// The word after `c8`, e.g. `"query"`.
    public let name: String
    /// One line for the command list in `c8 --help`.
    public let summary: String
    /// Synopsis lines: the first follows `c8 <name> `, the others continue it
    /// aligned underneath. Keep each under 80 columns including that prefix.
    public let usage: [String]
    /// One or more paragraphs (separated by a blank line) for `--help`;
    /// wrapped to the terminal width when printed.
    public let description: String
    public let options: [OptionSpec]
    public let positionals: [PositionalSpec]
    public let constraints: [OptionConstraint]
    /// Complete command lines a new user can copy, shown verbatim in help.
    public let examples: [String]

    public init(name: String, summary: String, usage: [String], description: String,
                options: [OptionSpec] = [], positionals: [PositionalSpec] = [],
                constraints: [OptionConstraint] = [], examples: [String] = []) {
        self.name = name
        self.summary = summary
        self.usage = usage
        self.description = description
        self.options = options
        self.positionals = positionals
        self.constraints = constraints
        self.examples = examples
    }

    /// The declared option called `name` (no dashes), if any.
    public func option(named name: String) -> OptionSpec? {
        options.first { $0.name == name }
    }
}
