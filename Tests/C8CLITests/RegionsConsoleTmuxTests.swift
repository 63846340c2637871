import Foundation
import XCTest

/// The Regions pane in the real `c8` console under tmux, on a fresh data
/// directory (the default three-region federation): the pane lists the
/// regions, `:partition` shows the link cut both ways, `:heal` joins it
/// again, and `:region` switches the region in the status bar.
final class RegionsConsoleTmuxTests: XCTestCase {
    func testPartitionHealAndSwitchRegion() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is installed by the README's test command")
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("c8-regions-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let binary = try C8Binary.url().path
        let tmux = try TmuxSession(
            command: "\(binary) console --data-dir \(home)/data", width: 140, height: 40,
            environment: ["LANG": "C.UTF-8", "TERM": "xterm-256color", "XDG_CONFIG_HOME": home + "/config",
                          "XDG_STATE_HOME": home + "/state", "HOME": home, "EDITOR": "", "TZ": "UTC"])
        try tmux.waitFor(text: "Collections")
        try tmux.waitFor(text: "region us-east")

        try tmux.type(":regions")
        try tmux.send("Enter")
        try tmux.waitFor("three regions") { screen in
            screen.contains("Regions (3)") && ["us-east", "eu-west", "ap-south"].allSatisfy { Self.heading($0, in: screen) != nil }
        }
        XCTAssertTrue(Self.link(from: "us-east", to: "eu-west", in: try tmux.screen()).contains("linked"))

        try tmux.type(":partition us-east eu-west")
        try tmux.send("Enter")
        try tmux.waitFor("the link cut both ways") { screen in
            Self.link(from: "us-east", to: "eu-west", in: screen).contains("✂ partitioned")
                && Self.link(from: "eu-west", to: "us-east", in: screen).contains("✂ partitioned")
        }
        XCTAssertTrue(try tmux.screen().contains("partitioned us-east ↔ eu-west"), "the status line says what happened")
        XCTAssertTrue(Self.link(from: "us-east", to: "ap-south", in: try tmux.screen()).contains("linked"), "other links stay")

        try tmux.type(":heal")
        try tmux.send("Enter")
        try tmux.waitFor("the link healed") { screen in
            Self.link(from: "us-east", to: "eu-west", in: screen).contains("linked") && !screen.contains("✂ partitioned")
        }

        // An unknown region: the connection's error, and nothing changes.
        try tmux.type(":partition us-east mars")
        try tmux.send("Enter")
        try tmux.waitFor(text: "[102024]")

        try tmux.type(":region eu-west")
        try tmux.send("Enter")
        try tmux.waitFor(text: "│ region eu-west ")

        try tmux.type(":q")
        try tmux.send("Enter")
        try tmux.waitFor(text: "EXIT=0")
    }

    /// The line number of `region`'s heading in the Regions pane.
    private static func heading(_ region: String, in screen: String) -> Int? {
        screen.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("││ \(region) ") }
    }

    /// The row of the link from `region` to `other`: the first `→ other`
    /// under the region's heading.
    private static func link(from region: String, to other: String, in screen: String) -> String {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = heading(region, in: screen) else { return "" }
        return lines[start...].first { $0.contains("→ \(other) ") }.map(String.init) ?? ""
    }
}
