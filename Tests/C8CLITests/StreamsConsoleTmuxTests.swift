import Foundation
import XCTest

/// The Streams pane in the real `c8` console under tmux: the demo stream
/// `ticks` (published to once a second by the console's demo traffic) is
/// tailed live, a message is published through the console's own `p`
/// dialog and shows up, pause counts arrivals, and a C8QL filter applies.
final class StreamsConsoleTmuxTests: XCTestCase {
    func testTailTheDemoStreamPublishPauseAndFilter() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is installed by the README's test command")
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("c8-streams-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let binary = try C8Binary.url().path
        let tmux = try TmuxSession(
            command: "\(binary) console --data-dir \(home)/data", width: 120, height: 36,
            environment: ["LANG": "C.UTF-8", "TERM": "xterm-256color", "XDG_CONFIG_HOME": home + "/config",
                          "XDG_STATE_HOME": home + "/state", "HOME": home, "EDITOR": "", "TZ": "UTC"])
        try tmux.waitFor(text: "Collections")

        // 5 shows the Streams pane with the demo stream and its rates.
        try tmux.send("5")
        try tmux.waitFor("the ticks stream") { $0.contains("Streams (") && $0.contains("ticks") && $0.contains("global") }

        // Tail it: the demo traffic's ticks arrive live.
        try tmux.type(":tail ticks")
        try tmux.send("Enter")
        try tmux.waitFor(text: "Tail: ticks")
        try tmux.waitFor("a demo tick", timeout: 15) { $0.contains("\"symbol\":") && $0.contains("source=demo") && $0.contains("▶ live") }

        // Publish through the console's own dialog: payload, tab, key, enter.
        try tmux.send("p")
        try tmux.waitFor(text: "Publish to ticks")
        try tmux.type(#"{"hello":"tmux","n":42}"#)
        try tmux.send("Tab")
        try tmux.type("k-tmux")
        try tmux.send("Enter")
        try tmux.waitFor("the published message") { $0.contains(#"{"hello":"tmux","n":42}"#) && $0.contains("k-tmux") }

        // Space pauses: new ticks are counted, not shown; G follows again.
        try tmux.send("Space")
        try tmux.waitFor("arrivals counted while paused", timeout: 15) { $0.contains("⏸ paused (") && $0.contains(" new)") }
        try tmux.send("G")
        try tmux.waitFor(text: "▶ live")

        // :filter is C8QL over msg, evaluated by the engine: only our message stays.
        try tmux.type(#":filter msg.hello == "tmux""#)
        try tmux.send("Enter")
        try tmux.waitFor("the filtered tail") { screen in
            screen.contains(#"filter msg.hello == "tmux""#) && screen.contains(#"{"hello":"tmux","n":42}"#)
                && !screen.contains("\"symbol\":")
        }
        // A bad expression shows the parser's error and keeps the filter.
        try tmux.type(":filter msg.hello ==")
        try tmux.send("Enter")
        try tmux.waitFor(text: "[1501]")
        XCTAssertTrue(try tmux.screen().contains(#"filter msg.hello == "tmux""#))

        // Esc closes the tail, back to the list; :q quits cleanly.
        try tmux.send("Escape")
        try tmux.waitFor(text: "Streams (")
        try tmux.type(":q")
        try tmux.send("Enter")
        try tmux.waitFor(text: "EXIT=0")
    }
}
