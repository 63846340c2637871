/// The list of `c8` subcommands: the one place a new command is added.
///
/// Dispatch, the command list in `c8 --help` and the "did you mean"
/// suggestions all read from here.
public struct CommandRegistry: Sendable {
    /// In the order `c8 --help` lists them.
    public let commands: [any Command]
    /// Commands that run but are never listed or suggested: tools for tests
    /// and benchmarks (the crash-test writer), not for users.
    public let hiddenCommands: [any Command]
    /// The command bare `c8` runs.
    public let defaultCommandName: String

    public init(commands: [any Command], hiddenCommands: [any Command] = [], defaultCommandName: String) {
        self.commands = commands
        self.hiddenCommands = hiddenCommands
        self.defaultCommandName = defaultCommandName
    }

    /// The commands `c8` ships with.
    public static let standard = CommandRegistry(
        commands: [
            ConsoleCommand(),
            ServeCommand(),
            QueryCommand(),
            ImportCommand(),
            ExportCommand(),
            CompactCommand(),
            StreamCommand(),
            DemoCommand(),
            BenchCommand(),
        ],
        hiddenCommands: [
            CrashWriterCommand(),
        ],
        defaultCommandName: ConsoleCommand.name)

    /// The command called `name`, listed or hidden, if there is one.
    public func command(named name: String) -> (any Command)? {
        (commands + hiddenCommands).first { $0.spec.name == name }
    }

    /// Every listed command's name, in listing order.
    public var names: [String] { commands.map(\.spec.name) }
}
