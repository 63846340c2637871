/// `c8 console` (and bare `c8`): the full-screen terminal console.
public struct ConsoleCommand: Command {
    public static let name = "console"

    public static let theme = OptionSpec.value(
        "theme", "NAME",
        summary: "Colour theme to start with, by name")

    public static let readOnly = OptionSpec.flag(
        "read-only",
        summary: "Browse and query without changing anything; edits are refused")

    public let spec = CommandSpec(
        name: ConsoleCommand.name,
        summary: "Browse, edit and query data in the terminal console",
        usage: [
            "[--data-dir DIR | --url URL --api-key KEY]",
            "[--theme NAME] [--read-only]",
        ],
        description: """
            Opens the full-screen console: fabrics, collections, documents \
            (browse, view, edit as JSON), a query editor with results, live \
            stream tails and region status. Press ? inside for the keys.

            Without --url it runs on the embedded engine in --data-dir, which \
            is created with three simulated regions, a _system fabric and demo \
            data on first start. With --url and --api-key it connects to a \
            remote C8-compatible endpoint instead; the console behaves the \
            same either way.
            """,
        options: [.dataDir, .url, .apiKey, ConsoleCommand.theme, ConsoleCommand.readOnly],
        constraints: [.embeddedOrRemote],
        examples: [
            "c8",
            "c8 console --data-dir ./demo --read-only",
            "c8 console --url https://api-gdn.example.com --api-key KEY",
        ])

    public init() {}

    public func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        throw CommandFailure.notAvailableYet("the terminal console arrives with the console issue")
    }
}
