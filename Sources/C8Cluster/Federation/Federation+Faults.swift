import C8Core
import C8Engine
import C8Storage
import C8Streams
import Synchronization

/// Partitions, heals, latency, and regions and nodes going down and up:
/// what the simulator API, the console and tests drive.
extension Federation {
    /// Cuts the link between `a` and `b`, both ways. Changes wait; none is lost.
    public func partition(_ a: String, _ b: String) throws(C8Error) {
        try changeLinks(a, b) { $0.partitioned = true }
    }

    /// Heals the link between `a` and `b`, or every link when both are nil.
    public func heal(_ a: String? = nil, _ b: String? = nil) throws(C8Error) {
        if let a, let b {
            try changeLinks(a, b) { $0.partitioned = false }
            return
        }
        for x in regions {
            for y in regions where x.index < y.index { try changeLinks(x.name, y.name) { $0.partitioned = false } }
        }
    }

    /// Sets the one-way latency between `a` and `b` (both directions).
    public func setLatency(_ a: String, _ b: String, milliseconds: Double) throws(C8Error) {
        guard milliseconds >= 0, milliseconds <= 60_000 else {
            throw C8Error(.badParameter, "latency must be between 0 and 60000 ms")
        }
        try changeLinks(a, b) { $0.latencyMs = milliseconds }
    }

    /// Takes a region down (it neither sends nor receives changes; the
    /// connection layer refuses its clients) or brings it back up.
    public func setRegion(_ name: String, up: Bool) throws(C8Error) {
        let region = try region(name)
        let now = scheduler.nowMicros
        state.withLock { s in
            s.regionUp[region.index] = up
            guard up else { return }
            for other in regions where other.index != region.index {
                s.links[region.index][other.index]?.resend(at: now)
                s.links[other.index][region.index]?.resend(at: now)
                schedulePump(&s, from: region.index, to: other.index)
                schedulePump(&s, from: other.index, to: region.index)
            }
        }
    }

    /// Takes a storage node of a region down (its shards' followers lead
    /// from now on) or brings it back up (rebuilt from them first).
    /// - Throws: 404 for an unknown region or node; 409 when going down
    ///   would leave a shard of the region without a replica; 400 for a
    ///   lone region, which has no nodes.
    public func setNode(_ node: String, of regionName: String, up: Bool) throws(C8Error) {
        guard let nodes = try region(regionName).nodes else {
            throw C8Error(.badParameter, "region \(regionName) has no storage nodes (a lone region writes its store directly)")
        }
        try nodes.setNode(node, up: up)
    }

    func changeLinks(_ a: String, _ b: String, _ change: (inout LinkProfile) -> Void) throws(C8Error) {
        let x = try region(a).index
        let y = try region(b).index
        guard x != y else { throw C8Error(.badParameter, "a link joins two different regions") }
        let now = scheduler.nowMicros
        state.withLock { s in
            for (from, to) in [(x, y), (y, x)] {
                let wasCut = s.links[from][to]!.profile.partitioned
                change(&s.links[from][to]!.profile)
                if wasCut && !s.links[from][to]!.profile.partitioned { s.links[from][to]!.resend(at: now) }
                schedulePump(&s, from: from, to: to)
            }
        }
    }
}
