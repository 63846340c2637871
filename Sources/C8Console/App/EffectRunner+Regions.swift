import C8Client
import C8Core

/// The Regions pane's effects: status polls, simulator actions, and
/// switching the region the connection talks to.
extension EffectRunner {
    /// Runs `effect` if it is a region effect; returns whether it was.
    func runRegionEffect(_ effect: Effect, deliver: @escaping @Sendable (Completion) -> Void) -> Bool {
        let connection = self.connection
        switch effect {
        case .pollRegions(let generation, let delay):
            Task {
                if delay > 0 { try? await Task.sleep(for: .milliseconds(Int(delay * 1000))) }
                let result = await Self.capture { () async throws(C8Error) in try await connection.simulatorStatus() }
                deliver(.regionsPolled(generation: generation, result))
            }
        case .simulate(let action):
            Task {
                let result = await Self.capture { () async throws(C8Error) in try await connection.simulate(action) }
                deliver(.changed(result.map { action.summary }, reload: .regions))
            }
        case .useRegion(let name):
            Task {
                let result = await Self.capture { () async throws(C8Error) -> String in
                    try await connection.useRegion(name)
                    return connection.region
                }
                deliver(.regionSwitched(result))
            }
        default:
            return false
        }
        return true
    }
}
