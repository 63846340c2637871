import C8Client
@testable import C8Console
import C8Core

/// A fixed federation for the Regions pane's tests: us-east (spot-capable,
/// no nodes simulated), eu-west (two nodes, one down), ap-south (down, with
/// apply failures); the us-east ↔ eu-west link can be partitioned, and its
/// lag and backlog then grow with every poll.
enum RegionsFixture {
    static let names = ["us-east", "eu-west", "ap-south"]

    static func state(width: Int = 100, height: Int = 30, readOnly: Bool = false) -> AppState {
        StreamsFixture.state(width: width, height: height, readOnly: readOnly)
    }

    /// The status after `poll` polls (lag and pending grow on a cut link).
    static func status(partitioned: Bool = false, poll: Int = 0) -> SimulatorStatus {
        let cut = Double(poll + 1)
        func link(_ to: String, _ latency: Double, cutHere: Bool) -> RegionLinkInfo {
            let isCut = partitioned && cutHere
            return RegionLinkInfo(to: to, latencyMs: latency, partitioned: isCut,
                                  lagMs: isCut ? 500 * cut : latency + 3, pendingOps: isCut ? 4 * (poll + 1) : 0)
        }
        return SimulatorStatus(regions: [
            RegionInfo(name: "us-east", spotCapable: true,
                       links: [link("eu-west", 80, cutHere: true), link("ap-south", 200, cutHere: false)], conflictsResolved: 2),
            RegionInfo(name: "eu-west",
                       nodes: [RegionNodeInfo(id: "n1", shardsLed: 64), RegionNodeInfo(id: "n2", up: false)],
                       links: [link("us-east", 80, cutHere: true), link("ap-south", 120, cutHere: false)]),
            RegionInfo(name: "ap-south", up: false,
                       links: [link("us-east", 200, cutHere: false), link("eu-west", 120, cutHere: false)],
                       applyFailures: 3, lastFailure: "unique constraint violated in users"),
        ])
    }

    /// Shows the pane (key 6) and answers `polls` polls.
    static func shown(_ state: inout AppState, partitioned: Bool = false, polls: Int = 1) {
        _ = Reducer.reduce(&state, .input(.key(.char("6"))))
        for poll in 0..<polls {
            _ = Reducer.reduce(&state, .completed(.regionsPolled(generation: state.regions.pollGeneration,
                                                                  .success(status(partitioned: partitioned, poll: poll)))))
        }
    }
}
