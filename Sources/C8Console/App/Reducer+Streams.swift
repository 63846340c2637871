import C8Client
import C8Core

/// The Streams pane: its list and stats polls, tails, subscriptions and
/// the publish dialog.
extension Reducer {
    // MARK: - Showing and polling

    /// A shown pane always has a poll chain running (see ``syncMainArea``).
    static func keepStreamsPolled(_ state: inout AppState) -> [Effect] {
        guard state.streams.shown, !state.streams.polling else { return [] }
        return restartStreamsPoll(&state)
    }

    /// A new poll chain now; the old one (if any) dies at its next reply.
    static func restartStreamsPoll(_ state: inout AppState) -> [Effect] {
        state.streams.polling = true
        state.streams.pollGeneration += 1
        return [.pollStreams(fabric: state.fabric, generation: state.streams.pollGeneration, delay: 0)]
    }

    static func streamsPolled(_ state: inout AppState, fabric: String, generation: Int, _ result: Result<[StreamSnapshot], C8Error>) -> [Effect] {
        guard generation == state.streams.pollGeneration else { return [] }
        if fabric == state.fabric {
            switch result {
            case .success(let snapshots):
                let previous = Dictionary(state.streams.list.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                state.streams.list.items = snapshots.sorted { ($0.summary.name, $0.summary.topic) < ($1.summary.name, $1.summary.topic) }.map { snapshot in
                    var item = previous[snapshot.summary.topic] ?? StreamItem(summary: snapshot.summary)
                    item.summary = snapshot.summary
                    return item.polled(snapshot.stats)
                }
                state.streams.loaded = true
                state.streams.list.layout(in: listRect(layout(state), .streams).splitTop(1).bottom)
            case .failure(let error):
                state.message = .error(error)
            }
        }
        guard state.streams.shown else {
            state.streams.polling = false
            return []
        }
        return [.pollStreams(fabric: state.fabric, generation: generation, delay: StreamsState.pollInterval)]
    }

    // MARK: - Actions

    static func performStreamAction(_ state: inout AppState, _ action: ActionID) -> [Effect] {
        guard state.focus == .streams else { return [] }
        let topic = state.streams.tail?.topic ?? state.streams.list.selectedItem?.summary.topic
        switch action {
        case .togglePause:
            let rows = layout(state).tailRows
            state.streams.tail?.togglePause(rows: rows)
        case .replayStream:
            guard let topic else { return [] }
            return openTail(&state, topic, fromEarliest: true, since: nil)
        case .publishMessage:
            guard let topic else { return [] }
            state.overlay = .publish(PublishForm(topic: topic))
        case .showSubscriptions:
            guard let topic else { return [] }
            state.streams.subscriptionsOf = topic
            state.streams.subscriptionCursor = SelectionCursor()
        default:
            break
        }
        return []
    }

    /// Enter in the list: tail the selected stream.
    static func openInStreams(_ state: inout AppState) -> [Effect] {
        guard state.streams.subscriptionsOf == nil, state.streams.tail == nil,
              let topic = state.streams.list.selectedItem?.summary.topic else { return [] }
        return openTail(&state, topic, fromEarliest: false, since: nil)
    }

    /// Esc: subscriptions → what was under them; tail → the list.
    static func backInStreams(_ state: inout AppState) -> [Effect]? {
        if state.streams.subscriptionsOf != nil {
            state.streams.subscriptionsOf = nil
            return []
        }
        guard state.streams.tail != nil else { return nil }
        return closeTail(&state)
    }

    /// Opens a tail (closing the one open): from the latest message, the
    /// earliest, or the earliest skipping those published before `since`.
    static func openTail(_ state: inout AppState, _ topic: String, fromEarliest: Bool, since: UInt64?) -> [Effect] {
        var effects = closeTail(&state)
        let id = state.streams.nextTailID
        state.streams.nextTailID += 1
        state.streams.tail = StreamTailState(topic: topic, id: id, capacity: state.streams.bufferLimit,
                                             fromEarliest: fromEarliest, since: since)
        state.streams.subscriptionsOf = nil
        state.focus = .streams
        let name = StreamsState.name(of: topic)
        state.message = .info(since != nil ? "replaying \(name) from \(state.streams.clock.dateAndTime(since!))"
                              : fromEarliest ? "replaying \(name) from its earliest message" : "tailing \(name)")
        effects.append(.openTail(topic: topic, fabric: state.fabric, id: id, fromEarliest: fromEarliest || since != nil))
        return effects
    }

    static func closeTail(_ state: inout AppState) -> [Effect] {
        guard let tail = state.streams.tail else { return [] }
        state.streams.tail = nil
        return [.closeTail(id: tail.id)]
    }

    static func moveInStreams(_ state: inout AppState, _ move: SelectionMove) {
        let layout = layout(state)
        if let topic = state.streams.subscriptionsOf {
            let count = state.streams.item(topic)?.subscriptions.count ?? 0
            state.streams.subscriptionCursor.apply(move, count: count, visible: layout.listRows(.streams))
        } else if state.streams.tail != nil {
            state.streams.tail?.move(move, rows: layout.tailRows)
        } else {
            state.streams.list.layout(in: listRect(layout, .streams).splitTop(1).bottom)
            state.streams.list.move(move)
        }
    }

    /// `/` in the Streams pane: the tail's text filter, else the list's.
    static func setStreamsFilter(_ state: inout AppState, _ text: String) {
        if state.streams.tail != nil {
            state.streams.tail?.setTextFilter(text)
        } else {
            state.streams.list.filter = text
        }
    }

    static func streamsFilterText(_ state: AppState) -> String {
        state.streams.tail?.textFilter ?? state.streams.list.filter
    }

    // MARK: - Tail completions

    static func completeTail(_ state: inout AppState, _ completion: Completion) -> [Effect] {
        switch completion {
        case .tailOpened(let id, let error):
            guard state.streams.tail?.id == id else { return [] }
            if let error {
                state.streams.tail?.ended = StatusMessage.error(error).text
                state.message = .error(error)
            } else {
                state.streams.tail?.connected = true
            }
        case .tailMessages(let id, let messages):
            guard state.streams.tail?.id == id else { return [] }
            let clock = state.streams.clock
            state.streams.tail?.receive(messages, clock: clock)
            return nextFilterCall(&state)
        case .tailEnded(let id):
            guard state.streams.tail?.id == id else { return [] }
            state.streams.tail?.connected = false
            if state.streams.tail?.ended == nil { state.streams.tail?.ended = "the tail ended" }
        case .messagesFiltered(let id, let generation, let result):
            guard state.streams.tail?.id == id, let call = state.streams.tail?.filterCall else { return [] }
            let error = state.streams.tail?.applyVerdicts(result, generation: generation)
            if let error {
                // A rejected expression: the parser's message, and the old filter stays.
                state.message = .error("filter: [\(error.errorNum)] \(error.message)")
            } else if call.isCandidate, generation == state.streams.tail?.filterGeneration, let tail = state.streams.tail {
                state.message = .info("filter \(call.expression): \(tail.visible.count) of \(tail.ring.count) match")
            }
            return nextFilterCall(&state)
        default:
            break
        }
        return []
    }

    /// The next filter call of the open tail, if one is due.
    static func nextFilterCall(_ state: inout AppState) -> [Effect] {
        guard let next = state.streams.tail?.nextFilterCall(), let tail = state.streams.tail else { return [] }
        return [.filterMessages(expression: next.call.expression, payloads: next.payloads, fabric: state.fabric,
                                tail: tail.id, generation: next.call.generation)]
    }

    // MARK: - Publish dialog

    static func handlePublishKey(_ state: inout AppState, _ form: PublishForm, _ key: KeyEvent) -> [Effect] {
        var form = form
        switch key.key {
        case .escape:
            state.overlay = nil
            return []
        case .tab, .backTab:
            form.field = form.field == .payload ? .key : .payload
        case .enter:
            guard !form.payload.isEmpty else {
                state.message = .error("type a payload to publish (JSON or text)")
                return []
            }
            state.overlay = nil
            state.pending += 1
            return [.publishMessage(topic: form.topic, message: form.message, fabric: state.fabric)]
        case .backspace:
            if !form.text.isEmpty { form.text.removeLast() }
        case .character(let c) where key.modifiers.isEmpty || key.modifiers == .shift:
            form.text.append(c)
        default:
            return []
        }
        state.overlay = .publish(form)
        return []
    }

    // MARK: - Fabric switch

    /// A new fabric has other streams: the tail closes and the list reloads.
    static func resetStreams(_ state: inout AppState) -> [Effect] {
        let effects = closeTail(&state)
        state.streams.list.items = []
        state.streams.loaded = false
        state.streams.subscriptionsOf = nil
        guard state.streams.shown else { return effects }
        return effects + restartStreamsPoll(&state)
    }
}
