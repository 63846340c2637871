import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A program running in a detached tmux session on a private server:
/// tests type with `send` and read the screen with `screen`, and wait for
/// text with `waitFor` (polling, never sleeping blindly).
final class TmuxSession {
    let socket = "c8-test-\(UUID().uuidString.prefix(8))"
    let name = "c8"

    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
    }

    /// Starts `command` (run by sh) in a `width`×`height` window; when it
    /// ends, the pane prints `EXIT=<status>` and stays open.
    init(command: String, width: Int, height: Int, environment: [String: String]) throws {
        let exports = environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let wrapped = "env \(exports) \(command); echo EXIT=$?; sleep 600"
        try tmux(["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), wrapped])
    }

    deinit {
        try? tmux(["kill-server"])
    }

    /// Types keys: tmux key names (`Enter`, `Escape`, `F5`, `BSpace`) or literal text.
    func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", name] + keys)
    }

    /// Types text literally (no key-name lookup).
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// The visible screen as text.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", name])
    }

    /// Polls the screen until `predicate` holds (up to `timeout` seconds);
    /// fails the test with the last screen when it never does.
    @discardableResult
    func waitFor(_ description: String, timeout: Double = 10, file: StaticString = #filePath, line: UInt = #line,
                 _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if predicate(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("timed out waiting for \(description); screen:\n\(last)", file: file, line: line)
        return last
    }

    @discardableResult
    func waitFor(text: String, timeout: Double = 10, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try waitFor("“\(text)”", timeout: timeout, file: file, line: line) { $0.contains(text) }
    }

    /// Runs tmux with posix_spawn and waitpid. (Foundation's Process
    /// waits for a descriptor the tmux server, a grandchild, inherits and
    /// keeps open, and so never returns.)
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw POSIXError(.EMFILE) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        let argv = ["/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, &cArguments, environ)
        close(pipe[1])
        guard spawned == 0 else {
            close(pipe[0])
            throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL)
        }
        var output: [UInt8] = []
        // Only capture-pane writes; other commands' output (and the server's
        // inherited copy of the pipe) must not keep us waiting.
        if arguments.first == "capture-pane" {
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(pipe[0], &chunk, chunk.count)
                if n <= 0 { break }
                output.append(contentsOf: chunk[0..<n])
            }
        }
        close(pipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return String(decoding: output, as: UTF8.self)
    }
}
