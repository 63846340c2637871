import C8Client
import C8Core

/// A live tail of one stream: the bounded buffer of formatted messages,
/// which of them the filters keep, and where the view is.
///
/// Following, the view shows the newest messages; paused, it stays on the
/// messages it showed and counts what arrives meanwhile. Positions are
/// message seqs (``MessageRing``), so a paused view keeps its messages
/// while new ones arrive and old ones are dropped.
public struct StreamTailState: Sendable {
    public let topic: String
    /// Tells this tail's messages from those of a tail closed before it.
    public let id: Int
    /// Read from the earliest retained message (replay) instead of the latest.
    public let fromEarliest: Bool
    /// Replay from a time: messages published before it are skipped.
    public let since: UInt64?
    public private(set) var ring: MessageRing<TailRow>
    /// Seqs of the messages both filters keep, oldest first.
    public private(set) var visible: [Int] = []
    public private(set) var following = true
    /// Messages that became visible while paused.
    public private(set) var unseen = 0
    /// Messages older than `since`, skipped.
    public private(set) var skipped = 0
    /// While paused: the selected message and the first one shown.
    private var selectedSeq: Int?
    private var topSeq: Int?
    /// The `/` filter (any case).
    public private(set) var textFilter = ""
    private var loweredTextFilter = ""
    /// The `:filter` expression in force.
    public private(set) var queryFilter: String?
    /// A `:filter` expression waiting to be checked (it replaces
    /// `queryFilter` only once the engine accepted it).
    public private(set) var candidateFilter: String?
    /// Messages the filter in force has not judged yet (hidden meanwhile).
    public private(set) var unjudged: [Int] = []
    /// The one filter call in flight: calls go one at a time, so verdicts
    /// apply in order and arrivals meanwhile form the next batch.
    public private(set) var filterCall: FilterCall?
    /// Bumped when the filter is cleared, so late verdicts are ignored.
    public private(set) var filterGeneration = 0
    public var connected = false
    /// Why the tail stopped, once it has.
    public var ended: String?

    public struct FilterCall: Sendable, Equatable {
        public let expression: String
        public let seqs: [Int]
        /// Checking a new expression over the whole buffer (vs. judging arrivals).
        public let isCandidate: Bool
        public let generation: Int
    }

    public init(topic: String, id: Int, capacity: Int, fromEarliest: Bool = false, since: UInt64? = nil) {
        self.topic = topic
        self.id = id
        self.fromEarliest = fromEarliest || since != nil
        self.since = since
        ring = MessageRing(capacity: capacity)
    }

    public var dropped: Int { ring.dropped }

    // MARK: Arrivals

    /// Takes a batch of messages; returns how many became visible.
    @discardableResult
    public mutating func receive(_ messages: [StreamMessageView], clock: TailClock) -> Int {
        let needsJudging = queryFilter != nil || candidateFilter != nil || filterCall != nil
        var accepted = messages
        if let since {
            accepted.removeAll { $0.publishTime < since }
            skipped += messages.count - accepted.count
        }
        if accepted.count > ring.capacity {
            ring.discard(accepted.count - ring.capacity)
            accepted.removeFirst(accepted.count - ring.capacity)
        }
        var arrived: [Int] = []
        for message in accepted {
            let seq = ring.append(TailRow(message, clock: clock))
            if needsJudging { unjudged.append(seq) }
            arrived.append(seq)
        }
        dropGone()
        return appendVisible(arrived.filter { ring.contains($0) })
    }

    /// Forgets seqs the ring no longer holds.
    private mutating func dropGone() {
        let first = ring.firstSeq
        if let i = visible.firstIndex(where: { $0 >= first }) { visible.removeFirst(i) } else { visible = [] }
        if let i = unjudged.firstIndex(where: { $0 >= first }) { unjudged.removeFirst(i) } else { unjudged = [] }
    }

    private func passes(_ row: TailRow) -> Bool {
        (queryFilter == nil || row.verdict == true)
            && (loweredTextFilter.isEmpty || row.searchText.contains(loweredTextFilter))
    }

    /// Adds newly judged or arrived seqs that pass; they are newer than
    /// every visible one (arrivals are judged in order), else the whole
    /// list is rebuilt.
    @discardableResult
    private mutating func appendVisible(_ seqs: [Int]) -> Int {
        let passing = seqs.filter { passes(ring[$0]) }
        if let first = passing.first, let last = visible.last, first <= last {
            let before = visible.count
            refilter()
            return max(0, visible.count - before)
        }
        visible += passing
        if !following { unseen += passing.count }
        return passing.count
    }

    private mutating func refilter() {
        visible = ring.seqs.filter { passes(ring[$0]) }
    }

    // MARK: Filters

    public mutating func setTextFilter(_ text: String) {
        textFilter = text
        loweredTextFilter = text.lowercased()
        refilter()
    }

    /// Asks for `expression` to become the filter (checked by the next call).
    public mutating func proposeFilter(_ expression: String) {
        candidateFilter = expression
    }

    /// Drops the `:filter`: every buffered message shows again.
    public mutating func clearQueryFilter() {
        queryFilter = nil
        candidateFilter = nil
        unjudged = []
        filterGeneration += 1
        refilter()
    }

    /// The next filter call to make, if one is due and none is in flight:
    /// a proposed expression over the whole buffer, else the arrivals the
    /// filter in force has not judged. The call is recorded as in flight.
    public mutating func nextFilterCall() -> (call: FilterCall, payloads: [JSON])? {
        guard filterCall == nil else { return nil }
        let call: FilterCall
        if let candidate = candidateFilter {
            candidateFilter = nil
            call = FilterCall(expression: candidate, seqs: Array(ring.seqs), isCandidate: true, generation: filterGeneration)
        } else if let expression = queryFilter, !unjudged.isEmpty {
            call = FilterCall(expression: expression, seqs: unjudged, isCandidate: false, generation: filterGeneration)
            unjudged = []
        } else {
            return nil
        }
        filterCall = call
        return (call, call.seqs.map { ring[$0].payload })
    }

    /// What a filter call answered. Returns the error to show, if any: a
    /// rejected expression leaves the filter in force as it was; a failed
    /// judgement shows those messages rather than silently hiding them.
    public mutating func applyVerdicts(_ result: Result<[Bool], C8Error>, generation: Int) -> C8Error? {
        guard let call = filterCall else { return nil }
        filterCall = nil
        guard generation == filterGeneration, generation == call.generation else { return nil }
        switch (result, call.isCandidate) {
        case (.success(let verdicts), true):
            queryFilter = call.expression
            setVerdicts(call.seqs, verdicts)
            let judgedUpTo = call.seqs.last ?? -1
            unjudged.removeAll { $0 <= judgedUpTo }
            // Arrivals during the check were recorded in `unjudged`; they
            // stay hidden until the next call judges them.
            refilter()
            return nil
        case (.failure(let error), true):
            if queryFilter == nil { unjudged = [] }
            return error
        case (.success(let verdicts), false):
            setVerdicts(call.seqs, verdicts)
            appendVisible(call.seqs.filter { ring.contains($0) })
            return nil
        case (.failure(let error), false):
            setVerdicts(call.seqs, Array(repeating: true, count: call.seqs.count))
            appendVisible(call.seqs.filter { ring.contains($0) })
            return error
        }
    }

    private mutating func setVerdicts(_ seqs: [Int], _ verdicts: [Bool]) {
        for (seq, verdict) in zip(seqs, verdicts) where ring.contains(seq) { ring[seq].verdict = verdict }
    }

    // MARK: The view

    /// Space: pause (the view stays on what it shows) or follow again.
    public mutating func togglePause(rows: Int) {
        if following { pause(rows: rows) } else { follow() }
    }

    /// Jump to live: follow the newest messages again.
    public mutating func follow() {
        following = true
        unseen = 0
        selectedSeq = nil
        topSeq = nil
    }

    private mutating func pause(rows: Int) {
        following = false
        selectedSeq = visible.last
        topSeq = visible.isEmpty ? nil : visible[max(0, visible.count - rows)]
    }

    /// Moves the selection; moving while following pauses (you are reading
    /// now), and `.last` (G, end) jumps back to live.
    public mutating func move(_ move: SelectionMove, rows: Int) {
        if move == .last { return follow() }
        if following { pause(rows: rows) }
        guard !visible.isEmpty else { return }
        let (selected, top) = window(rows: rows)
        let page = max(1, rows - 1)
        let half = max(1, rows / 2)
        var index = selected
        var topIndex = top
        switch move {
        case .up: index -= 1
        case .down: index += 1
        case .first: index = 0
        case .last: index = visible.count - 1
        case .pageUp, .pageDown, .halfPageUp, .halfPageDown:
            let distance = (move == .pageUp || move == .pageDown) ? page : half
            let step = (move == .pageUp || move == .halfPageUp) ? -distance : distance
            index += step
            topIndex += step
        }
        index = max(0, min(index, visible.count - 1))
        topIndex = ScrollFollow.offset(max(0, topIndex), keeping: index, visible: rows, count: visible.count)
        selectedSeq = visible[index]
        topSeq = visible[topIndex]
    }

    /// The selected row and the first row shown, as indices into `visible`,
    /// for a list `rows` high.
    public func window(rows: Int) -> (selected: Int, top: Int) {
        guard !visible.isEmpty else { return (0, 0) }
        if following { return (visible.count - 1, max(0, visible.count - rows)) }
        let selected = min(index(of: selectedSeq ?? 0), visible.count - 1)
        let top = ScrollFollow.offset(index(of: topSeq ?? 0), keeping: selected, visible: rows, count: visible.count)
        return (selected, top)
    }

    /// The index of the first visible seq at or after `seq`.
    private func index(of seq: Int) -> Int {
        var low = 0
        var high = visible.count
        while low < high {
            let mid = (low + high) / 2
            if visible[mid] < seq { low = mid + 1 } else { high = mid }
        }
        return low
    }

    public var selectedRow: TailRow? {
        guard !visible.isEmpty else { return nil }
        return ring[visible[window(rows: 1).selected]]
    }

    /// The buffer at another size (`:buffer N`), keeping the newest.
    public mutating func resize(capacity: Int) {
        ring = ring.resized(to: capacity)
        dropGone()
    }
}
