/// A `c8` subcommand: its declaration plus the code that runs it.
///
/// To add a command, write one type conforming to `Command` in its own file
/// under `Sources/C8CLI/Commands/` (or a feature folder such as `Bench/`) and
/// add one instance to `CommandRegistry.standard`. Parsing, `--help`, usage
/// errors and exit codes come for free from `spec`.
public protocol Command: Sendable {
    /// The declaration that help and the parser are generated from.
    var spec: CommandSpec { get }

    /// Does the command's work with already validated arguments.
    ///
    /// - Parameters:
    ///   - arguments: options (after environment fallback) and positionals.
    ///   - context: where to write output, and the environment.
    /// - Returns: the process exit status, normally 0.
    /// - Throws: `CommandFailure` (or any other error) for a runtime failure,
    ///   printed as `c8 <name>: <message>` with exit status 1; `UsageError`
    ///   for a semantic usage problem, printed with the usage lines and exit
    ///   status 2.
    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32
}
