import C8Client
import C8Core
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The console's loop: one thread owns the terminal, draws the state,
/// reads input, and applies the completions that effect tasks post back.
public final class ConsoleApp {
    public private(set) var state: AppState
    let terminal: any Terminal
    let runner: EffectRunner
    let log: ConsoleLog?
    /// `$EDITOR` (or the config's editor), for editing documents.
    let editorCommand: String?
    private let mailbox = Mailbox<Completion>()
    private var dirty = true
    /// Frames drawn, for tests and benchmarks.
    public private(set) var frames = 0

    public init(state: AppState, terminal: any Terminal, runner: EffectRunner, log: ConsoleLog? = nil, editorCommand: String? = nil) {
        var state = state
        state.size = terminal.size
        // The connection knows which region it talks to; the status bar says it.
        state.region = runner.connection.region
        state.useExternalEditor = editorCommand != nil
        state.theme = state.theme.adapted(to: terminal.colorDepth)
        self.state = state
        self.terminal = terminal
        self.runner = runner
        self.log = log
        self.editorCommand = editorCommand
    }

    /// Runs until the user quits. `initialCommands` run after start (for
    /// `c8 console` options and tests).
    public func run(initialCommands: [String] = []) {
        dispatch(.start)
        for command in initialCommands { dispatch(.command(command)) }
        while !state.quit {
            step(timeout: state.pending > 0 ? 0.02 : 0.1)
        }
    }

    /// One turn of the loop: draw if needed, wait for input up to `timeout`
    /// seconds, apply input and completions.
    public func step(timeout: Double) {
        drawIfNeeded()
        if let event = terminal.nextEvent(timeout: mailbox.isEmpty ? timeout : 0) {
            if case .resize(let width, let height) = event, (width, height) != (state.size.width, state.size.height) {
                dispatch(.input(event))
            } else if case .resize = event {
                dirty = true
            } else {
                dispatch(.input(event))
            }
        }
        for completion in mailbox.drain() { dispatch(.completed(completion)) }
        drawIfNeeded()
    }

    /// Applies an action and starts the effects it asks for.
    public func dispatch(_ action: Action) {
        let effects = Reducer.reduce(&state, action)
        dirty = true
        for effect in effects { execute(effect) }
    }

    /// Waits (up to `timeout` seconds) until no request is in flight, then
    /// applies what came back. For tests and scripted starts.
    public func settle(timeout: Double = 5) {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            for completion in mailbox.drain() { dispatch(.completed(completion)) }
            if state.pending == 0 && !state.query.running && mailbox.isEmpty { break }
            Thread.sleep(forTimeInterval: 0.005)
        } while Date() < deadline
        for completion in mailbox.drain() { dispatch(.completed(completion)) }
    }

    func drawIfNeeded() {
        guard dirty else { return }
        terminal.draw(Renderer.render(state))
        frames += 1
        dirty = false
    }

    private func execute(_ effect: Effect) {
        if case .editExternally(let text, let key, let rev) = effect {
            let outcome = editExternally(text)
            dispatch(.completed(.edited(text: outcome.text, key: key, rev: rev, error: outcome.error)))
            return
        }
        log?.write("effect \(String(describing: effect).prefix(200))")
        let mailbox = self.mailbox
        runner.run(effect) { mailbox.post($0) }
    }

    /// Suspends the terminal, runs the editor on a temporary file, and
    /// returns what the user saved.
    private func editExternally(_ text: String) -> (text: String?, error: String?) {
        guard let editor = editorCommand else { return (nil, "no $EDITOR set") }
        let path = NSTemporaryDirectory() + "c8-edit-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch { return (nil, "cannot write \(path)") }
        terminal.suspend()
        defer {
            terminal.resume()
            dirty = true
        }
        // posix_spawn keeps the editor in our process group, which owns the
        // terminal; Foundation's Process starts a new group, and the editor
        // would stop on its first read of the tty (SIGTTIN).
        var pid: pid_t = 0
        let argv = ["/bin/sh", "-c", "\(editor) \"$0\"", path]
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, &cArguments, environ)
        guard spawned == 0 else { return (nil, "cannot start \(editor): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitStatus = (status >> 8) & 0xFF
        guard status & 0x7F == 0, exitStatus == 0 else { return (nil, "\(editor) exited with status \(exitStatus); nothing saved") }
        guard let edited = try? String(contentsOfFile: path, encoding: .utf8) else { return (nil, "cannot read \(path)") }
        if edited == text { return (nil, "no changes") }
        return (edited, nil)
    }
}
