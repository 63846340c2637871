/// A response ready to be written, with what happens to the connection
/// after it.
struct FinishedResponse: Sendable {
    var bytes: [UInt8]
    /// The connection closes once these bytes are written.
    var closesConnection: Bool
    /// The connection switches protocols once these bytes are queued.
    var upgrade: (any ConnectionUpgrade)?
}

/// Puts pipelined responses back in request order: each request takes a
/// sequence number when it is dispatched, handlers finish in any order,
/// and responses leave only when every earlier one has.
struct InOrderResponses {
    private(set) var nextSequence = 0
    private(set) var nextToWrite = 0
    private var finished: [Int: FinishedResponse] = [:]

    /// Requests taken and not yet answered on the wire.
    var outstanding: Int { nextSequence - nextToWrite }

    /// The sequence number of the next request.
    mutating func reserve() -> Int {
        defer { nextSequence += 1 }
        return nextSequence
    }

    mutating func complete(_ sequence: Int, with response: FinishedResponse) {
        guard sequence >= nextToWrite && sequence < nextSequence else { return }
        finished[sequence] = response
    }

    /// The next response in order, if it is finished.
    mutating func popNext() -> FinishedResponse? {
        guard let response = finished.removeValue(forKey: nextToWrite) else { return nil }
        nextToWrite += 1
        return response
    }

    /// Forgets every outstanding request: the connection is closing and
    /// late responses are dropped (`complete` ignores them).
    mutating func abandonAll() {
        finished.removeAll()
        nextToWrite = nextSequence
    }
}
