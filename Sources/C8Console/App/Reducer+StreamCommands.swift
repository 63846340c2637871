import C8Client
import C8Core

/// The Streams pane's `:` commands.
extension Reducer {
    /// Runs `name argument` if it is a stream command; nil otherwise.
    static func runStreamCommand(_ state: inout AppState, _ name: String, _ argument: String?) -> [Effect]? {
        switch name {
        case "tail":
            guard let argument else {
                state.message = .error(":tail needs a stream name")
                return []
            }
            guard let topic = state.streams.topic(named: argument) ?? unlistedTopic(state, argument) else {
                state.message = .error("stream not found: \(argument)")
                return []
            }
            return openTail(&state, topic, fromEarliest: false, since: nil)
        case "filter":
            guard state.streams.tail != nil else {
                state.message = .error(":filter works on a tail: open one with enter or :tail NAME")
                return []
            }
            guard let argument, !argument.isEmpty else {
                state.streams.tail?.clearQueryFilter()
                state.message = .info("filter cleared")
                return []
            }
            state.streams.tail?.proposeFilter(argument)
            state.message = .info("checking filter \(argument)…")
            return nextFilterCall(&state)
        case "replay":
            guard let topic = state.streams.tail?.topic ?? (state.focus == .streams ? state.streams.list.selectedItem?.summary.topic : nil) else {
                state.message = .error(":replay works on a tail or the selected stream")
                return []
            }
            guard let argument, !argument.isEmpty else { return openTail(&state, topic, fromEarliest: true, since: nil) }
            guard let since = state.streams.clock.parse(argument) else {
                state.message = .error("cannot read the time \(argument): use 2026-11-22T10:00[:05] (local time; Z for UTC)")
                return []
            }
            return openTail(&state, topic, fromEarliest: true, since: since)
        case "buffer":
            guard let argument else {
                state.message = .info("a tail keeps \(state.streams.bufferLimit) messages; :buffer N changes it")
                return []
            }
            guard let limit = Int(argument), limit > 0 else {
                state.message = .error(":buffer takes a number of messages of 1 or more, not '\(argument)'")
                return []
            }
            state.streams.bufferLimit = limit
            state.streams.tail?.resize(capacity: limit)
            state.message = .info("a tail keeps \(limit) messages")
            return []
        default:
            return nil
        }
    }

    /// A stream the list has not shown yet (`:tail` at start, before the
    /// first poll): a topic as given, or a global stream's bare name.
    private static func unlistedTopic(_ state: AppState, _ name: String) -> String? {
        state.streams.loaded ? nil : StreamSummary.topic(of: name, local: false)
    }
}
