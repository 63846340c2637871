import C8Core
import Foundation

/// The multi-region story in one screen, told against any connection to a
/// federation of at least two regions: a write in one region arriving in
/// the others with its lag; a partition with a write on each side; the heal,
/// convergence, and the conflict last-writer-wins settled.
///
/// It leaves the connection bound to the region it started in and heals
/// what it cut. `say` gets one line per event, as it happens.
public struct MultiRegionDemo: Sendable {
    public let collection: String
    public let fabric: String
    /// How long to wait for a change to arrive before calling it late.
    public let patienceSeconds: Double

    public init(collection: String = "demo_accounts", fabric: String = "_system", patienceSeconds: Double = 10) {
        self.collection = collection
        self.fabric = fabric
        self.patienceSeconds = patienceSeconds
    }

    public func run(on connection: any C8Connection, say: @Sendable (String) -> Void) async throws(C8Error) {
        let home = connection.region
        let status = try await connection.simulatorStatus()
        let regions = status.regions.filter(\.up).map(\.name)
        guard regions.count >= 2, let writer = regions.first(where: { $0 == home }) ?? regions.first else {
            throw C8Error(.badParameter, "the demo needs a federation of at least two regions that are up")
        }
        let rival = regions.filter { $0 != writer }[0]
        do throws(C8Error) {
            try await tell(connection, regions: regions, writer: writer, rival: rival, status: status, say: say)
            try await connection.useRegion(home)
        } catch {
            // Leave things as found: the link healed, the connection home.
            try? await connection.simulate(.heal((writer, rival)))
            try? await connection.useRegion(home)
            throw error
        }
    }

    private func tell(
        _ connection: any C8Connection, regions: [String], writer: String, rival: String, status: SimulatorStatus,
        say: @Sendable (String) -> Void
    ) async throws(C8Error) {
        say("Regions: " + status.regions.map { region in
            region.name + " (" + region.links.map { "\($0.to) \(Int($0.latencyMs)) ms" }.joined(separator: ", ") + ")"
        }.joined(separator: "; "))

        try await connection.useRegion(writer)
        if try await connection.collections(in: fabric).contains(where: { $0.name == collection }) {
            try await connection.dropCollection(collection, in: fabric)
        }
        _ = try await connection.createCollection(collection, in: fabric, options: [:])
        try await waitEverywhere(regions, connection) { (connection: any C8Connection) async throws(C8Error) -> Bool in
            try await connection.collections(in: fabric).contains { $0.name == collection }
        }

        // 1. One write, arriving region by region.
        say("")
        say("1. \(writer) writes \(collection)/ann {\"city\": \"Berlin\"}")
        try await connection.useRegion(writer)
        let started = Date()
        _ = try await connection.insertDocument(["_key": "ann", "city": "Berlin"], into: collection, fabric: fabric)
        for region in regions {
            let arrived = try await waitFor(region, connection) { (connection: any C8Connection) async throws(C8Error) -> Bool in
                try await connection.document("ann", in: collection, fabric: fabric)?["city"] == "Berlin"
            }
            say("   " + Self.padded(region) + (arrived
                ? String(format: "has it after %.0f ms", Date().timeIntervalSince(started) * 1000) : "has not got it yet"))
        }

        // 2. A partition, and a write on each side.
        say("")
        say("2. The link \(writer) ✕ \(rival) is cut. \(writer) sets city = Paris; a moment later \(rival) sets city = Rome.")
        try await connection.simulate(.partition(writer, rival))
        try await connection.useRegion(writer)
        _ = try await connection.updateDocument("ann", with: ["city": "Paris"], in: collection, fabric: fabric)
        try await Task.sleep(milliseconds: 20)
        try await connection.useRegion(rival)
        _ = try await connection.updateDocument("ann", with: ["city": "Rome"], in: collection, fabric: fabric)
        try await Task.sleep(milliseconds: 400)
        for region in regions {
            try await connection.useRegion(region)
            let city = try await connection.document("ann", in: collection, fabric: fabric)?["city"].stringValue ?? "—"
            say("   " + Self.padded(region) + "sees city = " + city)
        }
        let cut = try await connection.simulatorStatus().region(writer)?.link(to: rival)
        say("   link \(writer) → \(rival): \(cut?.partitioned == true ? "partitioned" : "up"), "
            + "\(cut?.pendingOps ?? 0) change(s) waiting, lag \(Int(cut?.lagMs ?? 0)) ms")

        // 3. Heal: every region converges on the later write.
        say("")
        say("3. The link heals.")
        let conflictsBefore = try await connection.simulatorStatus().regions.map(\.conflictsResolved).reduce(0, +)
        let healed = Date()
        try await connection.simulate(.heal((writer, rival)))
        try await waitEverywhere(regions, connection) { (connection: any C8Connection) async throws(C8Error) -> Bool in
            try await connection.document("ann", in: collection, fabric: fabric)?["city"] == "Rome"
        }
        say(String(format: "   converged %.0f ms after the heal: every region has city = Rome — %@ wrote last, "
                   + "and the last writer wins, the same way in every region", Date().timeIntervalSince(healed) * 1000, rival))
        let conflicts = try await connection.simulatorStatus().regions.map(\.conflictsResolved).reduce(0, +) - conflictsBefore
        say("   conflicts resolved: \(conflicts) (the earlier Paris lost wherever it met Rome)")
    }

    private static func padded(_ region: String) -> String {
        region.count >= 10 ? region + " " : region.padding(toLength: 10, withPad: " ", startingAt: 0)
    }

    /// Waits until `check` holds in `region` (or the patience runs out).
    private func waitFor(
        _ region: String, _ connection: any C8Connection, _ check: (any C8Connection) async throws(C8Error) -> Bool
    ) async throws(C8Error) -> Bool {
        try await connection.useRegion(region)
        let deadline = Date().addingTimeInterval(patienceSeconds)
        while Date() < deadline {
            // Not there yet may also mean "collection not there yet".
            let done: Bool
            do throws(C8Error) { done = try await check(connection) } catch { done = false }
            if done { return true }
            try await Task.sleep(milliseconds: 2)
        }
        return false
    }

    private func waitEverywhere(
        _ regions: [String], _ connection: any C8Connection, _ check: (any C8Connection) async throws(C8Error) -> Bool
    ) async throws(C8Error) {
        for region in regions where !(try await waitFor(region, connection, check)) {
            throw C8Error(.httpGatewayTimeout, "the demo's change did not reach \(region) in \(Int(patienceSeconds)) s")
        }
    }
}

extension Task where Success == Never, Failure == Never {
    /// Sleeps, turning cancellation into a C8Error the demo can throw.
    static func sleep(milliseconds: Int) async throws(C8Error) {
        do {
            try await Task.sleep(nanoseconds: UInt64(milliseconds) * 1_000_000)
        } catch {
            throw C8Error(.httpGatewayTimeout, "the demo was cancelled")
        }
    }
}
