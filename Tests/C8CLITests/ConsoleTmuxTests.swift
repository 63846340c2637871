import Foundation
import XCTest

/// The real `c8` console in a real terminal (tmux), the way a user meets it.
final class ConsoleTmuxTests: XCTestCase {
    func testFirstStartBrowseQueryFilterResizeQuit() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is installed by the README's test command")
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("c8-console-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let binary = try C8Binary.url().path
        let tmux = try TmuxSession(
            command: "\(binary) console --data-dir \(home)/data", width: 100, height: 30,
            environment: ["LANG": "C.UTF-8", "TERM": "xterm-256color", "XDG_CONFIG_HOME": home + "/config",
                          "XDG_STATE_HOME": home + "/state", "HOME": home, "EDITOR": ""])

        // First start seeds the demo data: the collections are there at once.
        try tmux.waitFor("the demo collections") { $0.contains("users") && $0.contains("knows") && $0.contains("sessions") && $0.contains("cities") }
        let first = try tmux.screen()
        for title in ["Fabrics", "Collections", "Documents", "Query"] { XCTAssertTrue(first.contains(title), title) }

        // Open users (the last collection) and its first document.
        try tmux.send("G")
        try tmux.send("Enter")
        try tmux.waitFor(text: "Documents: users (240)")
        // The title comes with the collection list; the rows with their page.
        // Enter before the page is in opens nothing.
        try tmux.waitFor(text: "{\"name\":{\"first\":\"Ada\"")
        try tmux.send("Enter")
        try tmux.waitFor(text: "\"_id\": \"users/u0\"")

        // :query replaces the editor text and runs it.
        try tmux.type(":query RETURN 6*7")
        try tmux.send("Enter")
        try tmux.waitFor("the answer 42") { screen in screen.split(separator: "\n").contains { $0.contains("│42") || $0.contains(" 42 ") || $0.hasSuffix("42") || $0.contains("│42 ") } && screen.contains("1 row ·") }

        // Edit the query and run it again with F5.
        try tmux.send("BSpace", "BSpace", "BSpace")
        try tmux.type("8*8")
        try tmux.send("F5")
        // The result row itself: a bare "64" can also appear in timings.
        try tmux.waitFor("the answer 64") { screen in
            screen.split(separator: "\n").contains { $0.contains("│64") || $0.contains(" 64 ") || $0.hasSuffix("64") }
                && screen.contains("8*8")
        }

        // Out of the query editor (tab completes there; shift+tab leaves),
        // back past Documents to Collections, and filter it with /.
        try tmux.send("BTab")
        try tmux.send("BTab")
        try tmux.type("/ses")
        try tmux.waitFor("the filtered list") { screen in
            let left = screen.split(separator: "\n").map { String($0.prefix(28)) }.joined(separator: "\n")
            return left.contains("sessions") && !left.contains("cities") && !left.contains("knows")
        }
        try tmux.send("Enter")

        // Resize: the layout follows at once.
        try tmux.resize(width: 80, height: 24)
        try tmux.waitFor("the smaller layout") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count >= 24 && lines.prefix(24).allSatisfy { $0.count <= 80 } && screen.contains("Fabrics")
        }

        // Too small shows a message, and growing again restores the console.
        try tmux.resize(width: 50, height: 12)
        try tmux.waitFor(text: "Terminal too small")
        try tmux.resize(width: 90, height: 26)
        try tmux.waitFor(text: "Collections")

        // :q quits cleanly with status 0.
        try tmux.type(":q")
        try tmux.send("Enter")
        try tmux.waitFor(text: "EXIT=0")
    }
}
