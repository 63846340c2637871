import C8Client
import C8Console
import C8Core
import C8Engine
import C8Terminal
import Foundation

/// `c8 console` (and bare `c8`): the full-screen terminal console.
public struct ConsoleCommand: Command {
    public static let name = "console"

    public static let theme = OptionSpec.value(
        "theme", "NAME",
        summary: "Colour theme to start with, by name")

    public static let readOnly = OptionSpec.flag(
        "read-only",
        summary: "Browse and query without changing anything; edits are refused")

    public static let noDemoTraffic = OptionSpec.flag(
        "no-demo-traffic",
        summary: "Do not publish the demo message a second on the embedded engine's ticks stream")

    public static let profile = OptionSpec.value(
        "profile", "NAME",
        summary: "Use the [profile NAME] section of the config file (data dir, theme, read-only)")

    public let spec = CommandSpec(
        name: ConsoleCommand.name,
        summary: "Browse, edit and query data in the terminal console",
        usage: [
            "[--data-dir DIR | --url URL (--api-key KEY | --email EMAIL)]",
            "[--insecure] [--regions r1,r2,...]",
            "[--profile NAME] [--theme NAME] [--read-only]",
            "[--no-demo-traffic]",
            "[--document-cache BYTES] [--edge-cache BYTES]",
        ],
        description: """
            Opens the full-screen console: fabrics, collections, documents \
            (browse, view, edit as JSON), a query editor with results, live \
            stream tails and region status. Press ? inside for the keys.

            The embedded platform is a federation of regions in this process \
            (us-east, eu-west and ap-south unless --regions names others), \
            each with its own copy of the data, replicating over simulated \
            links; the Regions pane shows them and cuts and heals the links.

            Without --url it runs on the embedded engine in --data-dir, which \
            is created with a _system fabric and demo data on first start; \
            while the console runs there, it publishes a demo message a second \
            on the demo stream ticks (c8globals.ticks, if it exists) so a tail \
            has something to show (--no-demo-traffic turns that off). \
            With --url and --api-key it connects to a remote C8-compatible \
            endpoint instead; the console behaves the same either way. \
            Settings, key overrides and profiles live in \
            $XDG_CONFIG_HOME/c8/config; the log is $XDG_STATE_HOME/c8/c8.log.
            """,
        options: [.dataDir, .regions, .url, .apiKey, .email, .insecure, ConsoleCommand.profile, ConsoleCommand.theme, ConsoleCommand.readOnly,
                  ConsoleCommand.noDemoTraffic, .documentCache, .edgeCache],
        constraints: [.embeddedOrRemote],
        examples: [
            "c8",
            "c8 console --data-dir ./demo --read-only",
            "c8 console --url https://api-gdn.example.com --api-key KEY",
            "c8 console --url https://api-gdn.example.com --email you@example.com",
        ])

    public init() {}

    public func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let environment = context.environment
        let (config, problems) = ConsoleConfig.load(environment: environment)
        var profile: ConsoleConfig.Profile?
        if let name = arguments.value(ConsoleCommand.profile) {
            guard let found = config.profiles[name] else { throw CommandFailure("no [profile \(name)] in \(ConsoleConfig.path(environment: environment))") }
            profile = found
        }
        let remote = RemoteEndpoint.resolve(arguments, profileURL: profile?.url, profileAPIKey: profile?.apiKey)
        // Said rather than ignored: a profile may have made it remote.
        if remote != nil, let option = [OptionSpec.documentCache, .edgeCache].first(where: { arguments.value($0) != nil }) {
            throw UsageError.invalid("--\(option.name) sizes the embedded engine's cache; a remote endpoint's server sizes its own")
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw CommandFailure("the console needs a terminal; for scripts use c8 query, c8 import or c8 export")
        }
        let log = ConsoleLog(path: ConsoleLog.standardPath(environment: environment))
        for problem in problems { log.write(problem.description) }

        let connection: any C8Connection
        var reapers: [TTLReaper] = []
        var demoTraffic: DemoTraffic?
        // An embedded data dir that cannot be written is browsed read-only.
        var unwritable = false
        if let remote {
            connection = try remote.connect(context: context)
        } else {
            let directory = arguments.value(.dataDir).map(DataDirectory.init(path:))
                ?? profile?.dataDirectory.map(DataDirectory.init(path:))
                ?? DataDirectory.resolve(arguments, context: context)
            let isNew = !FileManager.default.fileExists(atPath: directory.path + "/CURRENT")
            let embedded = try EmbeddedConnection.open(directory: directory.path, regionNames: try arguments.regionNames(),
                                                       limits: arguments.engineLimits())
            connection = embedded
            if embedded.federation.regions.contains(where: { $0.engine.storage.isReadOnly }) { unwritable = true }
            if isNew && !unwritable {
                do {
                    try Self.blocking { () async throws(C8Error) in _ = try await DemoData.seedIfEmpty(embedded) }
                } catch {
                    embedded.close()
                    throw error
                }
            }
            // Expiry is the server's job on a remote endpoint.
            if !unwritable { reapers = embedded.federation.regions.map { $0.engine.makeTTLReaper() } }
            // Demo traffic is for the embedded demo; a remote endpoint's
            // streams are real data.
            if !arguments.isSet(Self.noDemoTraffic) && !unwritable { demoTraffic = DemoTraffic(connection: embedded) }
        }
        defer { connection.close() }
        for reaper in reapers { reaper.start() }
        defer { for reaper in reapers { reaper.stop() } }
        demoTraffic?.start()
        // Stopped before the connection closes (defers run last first), and
        // waited for, so no publish races the engine's shutdown.
        defer { if let demoTraffic { Self.stop(demoTraffic) } }

        let catalog = ThemeCatalog.standard(environment: environment, executablePath: CommandLine.arguments.first ?? "")
        let themeName = arguments.value(ConsoleCommand.theme) ?? profile?.theme ?? config.theme ?? BuiltinTheme.name
        let (theme, themeError) = catalog.loadOrDefault(named: themeName)
        let (actions, keyProblems) = ActionRegistry.standard.overriding(config.keys)
        for problem in keyProblems { log.write("config [keys]: \(problem)") }

        var state = AppState(
            endpoint: connection.endpoint, readOnly: arguments.isSet(ConsoleCommand.readOnly) || profile?.readOnly == true || config.readOnly == true
                || unwritable,
            theme: theme, size: (80, 24), actions: actions)
        state.themeNames = catalog.availableThemes().map(\.name)
        if let limit = config.streamBuffer { state.streams.bufferLimit = limit }
        if unwritable { state.message = .error("the data dir is not writable: browsing read-only") }
        if let themeError { state.message = .error(themeError.description) }
        if let first = problems.first { state.message = .error(first.description) }

        let stateDirectory = (ConsoleLog.standardPath(environment: environment) as NSString).deletingLastPathComponent
        let runner = EffectRunner(connection: connection, historyDirectory: stateDirectory + "/history", themes: catalog)
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(mouse: config.mouse ?? true)
        } catch {
            throw CommandFailure("cannot start the terminal: \(error)")
        }
        defer { terminal.shutdown() }
        let editor = config.editor ?? environment["VISUAL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 }
        let app = ConsoleApp(state: state, terminal: terminal, runner: runner, log: log, editorCommand: editor)
        log.write("console started on \(connection.endpoint)")
        app.run()
        log.write("console quit")
        if let failure = demoTraffic?.failure { log.write("demo traffic ended early: \(failure)") }
        return ExitStatus.success
    }

    /// Ends the demo traffic, waiting until its last publish is done.
    static func stop(_ traffic: DemoTraffic) {
        try? blocking { () async throws(C8Error) in await traffic.stop() }
    }

    /// Runs async connection work to completion from this synchronous command.
    static func blocking(_ body: @escaping @Sendable () async throws(C8Error) -> Void) throws(C8Error) {
        try AsyncBridge.wait(body)
    }
}
