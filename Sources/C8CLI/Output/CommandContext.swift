/// What a running command may use from its surroundings, passed in rather
/// than reached for globally so commands run the same in tests as in the
/// real process.
public struct CommandContext: Sendable {
    /// Where results go (`query` prints its JSON here).
    public let standardOutput: any TextSink
    /// Where progress and diagnostics go.
    public let standardError: any TextSink
    /// The process environment (already applied to options with a
    /// fallback; here for anything else, such as `XDG_DATA_HOME`).
    public let environment: [String: String]
    /// What `-` reads (`c8 import ... -`): the process's standard input, or
    /// bytes a test supplies.
    public let standardInput: StandardInput

    public init(standardOutput: any TextSink, standardError: any TextSink,
                environment: [String: String], standardInput: StandardInput = .process) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.environment = environment
        self.standardInput = standardInput
    }
}
