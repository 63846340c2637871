import C8Client
import C8Core

/// The Regions `:` commands and switching the region the console talks to.
extension Reducer {
    /// Runs `name argument` if it is a region command; nil otherwise.
    static func runRegionCommand(_ state: inout AppState, _ name: String, _ argument: String?) -> [Effect]? {
        guard let parsed = RegionCommand.parse(name, argument) else { return nil }
        switch parsed {
        case .failure(let usage):
            state.message = .error(usage.text)
        case .success(.simulate(let action)):
            guard !state.readOnly else {
                state.message = .error("read-only mode: :\(name) is not allowed")
                return []
            }
            return simulate(&state, action)
        case .success(.switchRegion(let region)):
            state.pending += 1
            return [.useRegion(region)]
        case .success(.showRegion):
            let names = state.regions.regionNames
            let others = names.isEmpty ? "" : " (regions: \(names.joined(separator: ", ")))"
            state.message = .info("talking to \(state.region.isEmpty ? "no region" : state.region)\(others); :region NAME switches")
        }
        return []
    }

    static func regionSwitched(_ state: inout AppState, _ result: Result<String, C8Error>) -> [Effect] {
        switch result {
        case .failure(let error):
            state.message = .error(error)
            return []
        case .success(let region):
            state.region = region
            let effects = reloadForRegion(&state)
            state.message = .info("now talking to \(region)")
            return effects
        }
    }

    /// Each region holds its own copy of the data: what is on screen is
    /// read again from the new one — the left column, and the main area's
    /// list, tail or status.
    static func reloadForRegion(_ state: inout AppState) -> [Effect] {
        state.pending += 2
        var effects: [Effect] = [.loadFabrics, .loadCollections(fabric: state.fabric)]
        if state.streams.shown {
            if let topic = state.streams.tail?.topic {
                // Reopening focuses the pane; the user stays where they were.
                let focus = state.focus
                effects += openTail(&state, topic, fromEarliest: false, since: nil)
                state.focus = focus
            }
            effects += restartStreamsPoll(&state)
        } else if state.regions.shown {
            effects += restartRegionsPoll(&state)
        } else if let collection = state.documents.collection, case .list = state.documents.mode {
            state.pending += 1
            effects.append(.loadDocuments(fabric: state.fabric, collection: collection, after: nil, descending: false, placement: .replace))
        }
        return effects
    }
}
