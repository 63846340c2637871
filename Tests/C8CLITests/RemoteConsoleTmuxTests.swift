import Foundation
import XCTest

/// The console on a `c8 serve` endpoint, in a real terminal: by `--url`
/// and by a config profile naming the URL and key.
final class RemoteConsoleTmuxTests: DataDirTestCase {
    private static let key = "remote-console-key"

    func testConsoleBrowsesAndQueriesARemoteEndpoint() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is installed by the README's test command")
        let server = try ServerProcess(arguments: ["serve", "--data-dir", temporaryPath("served"), "--port", "0", "--admin-key", Self.key])
        defer { server.kill() }
        let listening = try server.waitForLine(containing: "c8 serve: http on 127.0.0.1:")
        let url = "http://127.0.0.1:\(listening.split(separator: ":").last ?? "")"
        let lines = (0..<7).map { "{\"_key\":\"p\($0)\",\"planet\":\($0)}" }.joined(separator: "\n")
        let imported = c8(["import", "--url", url, "--api-key", Self.key, "--collection", "planets", "--create", "-"], stdin: lines)
        XCTAssertEqual(imported.status, 0, imported.stderr)

        let home = temporaryPath("home")
        try FileManager.default.createDirectory(atPath: home + "/config/c8", withIntermediateDirectories: true)
        try "[profile served]\nurl = \(url)\napi-key = \(Self.key)\n".write(toFile: home + "/config/c8/config", atomically: true, encoding: .utf8)
        let binary = try C8Binary.url().path
        let environment = ["LANG": "C.UTF-8", "TERM": "xterm-256color", "XDG_CONFIG_HOME": home + "/config",
                           "XDG_STATE_HOME": home + "/state", "HOME": home, "EDITOR": ""]

        for command in ["console --url \(url) --api-key \(Self.key)", "console --profile served"] {
            let tmux = try TmuxSession(command: "\(binary) \(command)", width: 100, height: 30, environment: environment)
            // The status bar names the endpoint; the remote collection is listed.
            try tmux.waitFor("the endpoint and its collection") { $0.contains(url) && $0.contains("planets") }
            try tmux.send("G")
            try tmux.send("Enter")
            try tmux.waitFor(text: "Documents: planets (7)")
            try tmux.type(":query FOR p IN planets FILTER p.planet == 3 RETURN p._key")
            try tmux.send("Enter")
            try tmux.waitFor(text: "p3")
            // Out of the query editor, where ":q" would be text.
            try tmux.send("BTab")
            try tmux.type(":q")
            try tmux.send("Enter")
            try tmux.waitFor(text: "EXIT=0")
        }

        // A wrong key fails at start, with the reason, before the screen is taken.
        let refused = try TmuxSession(command: "\(binary) console --url \(url) --api-key wrong", width: 100, height: 30,
                                      environment: environment)
        let screen = try refused.waitFor(text: "EXIT=1")
        XCTAssertTrue(screen.contains("refused the API key"), screen)
    }
}
