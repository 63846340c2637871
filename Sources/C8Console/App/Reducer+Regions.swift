import C8Client
import C8Core

/// The Regions pane: its status polls and the simulator actions on the
/// selected row.
extension Reducer {
    // MARK: - Polling

    /// A shown pane always has a poll chain running (see ``syncMainArea``).
    static func keepRegionsPolled(_ state: inout AppState) -> [Effect] {
        guard state.regions.shown, !state.regions.polling else { return [] }
        return restartRegionsPoll(&state)
    }

    /// A new poll chain now; the old one (if any) dies at its next reply.
    static func restartRegionsPoll(_ state: inout AppState) -> [Effect] {
        state.regions.polling = true
        state.regions.pollGeneration += 1
        return [.pollRegions(generation: state.regions.pollGeneration, delay: 0)]
    }

    static func regionsPolled(_ state: inout AppState, generation: Int, _ result: Result<SimulatorStatus, C8Error>) -> [Effect] {
        guard generation == state.regions.pollGeneration else { return [] }
        switch result {
        case .success(let status):
            // The selection stays on its row when rows come or go above it.
            let selected = state.regions.selectedRow
            state.regions.record(status)
            let visible = layout(state).listRows(.regions)
            let index = selected.flatMap { state.regions.rows.firstIndex(of: $0) } ?? state.regions.cursor.selected
            state.regions.cursor.select(index, count: state.regions.rows.count, visible: visible)
        case .failure(let error):
            // The read at start stays quiet: a server without the simulator,
            // or a key without admin rights, matters once the pane is open.
            // The pane says it once, not twice a second.
            let text = StatusMessage.error(error).text
            if generation > 0, state.regions.error != text {
                state.message = .error(error)
                state.regions.error = text
            }
        }
        guard generation > 0, state.regions.shown else {
            state.regions.polling = false
            return []
        }
        return [.pollRegions(generation: generation, delay: RegionsState.pollInterval)]
    }

    // MARK: - Simulator

    /// `d` / `u` on the selected row: a region or node down or up, a link
    /// cut or healed.
    static func performRegionAction(_ state: inout AppState, down: Bool) -> [Effect] {
        guard state.focus == .regions, let status = state.regions.status, let row = state.regions.selectedRow else { return [] }
        guard let action = row.simulatorAction(in: status, down: down) else {
            state.message = .error("select a region, a node or a link: d takes it down, u brings it up")
            return []
        }
        return simulate(&state, action)
    }

    /// Asks the simulator; the reply reloads the pane when it is shown.
    static func simulate(_ state: inout AppState, _ action: SimulatorAction) -> [Effect] {
        state.pending += 1
        return [.simulate(action)]
    }
}
