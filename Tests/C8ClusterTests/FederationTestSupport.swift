import C8Cluster
import C8Core
import C8Engine
import XCTest

/// A three-region federation in virtual time, with helpers to write, read
/// and compare the regions' copies.
final class SimulatedFederation {
    let scheduler = DeterministicScheduler()
    let federation: Federation

    init(regions: [String] = FederationConfiguration.defaultRegionNames, jitterMs: Double = 0, seed: UInt64 = 1) throws {
        federation = try Federation.inMemory(
            configuration: FederationConfiguration(regionNames: regions, jitterMs: jitterMs, seed: seed), scheduler: scheduler,
            limits: Self.fastLimits)
    }

    /// Cheap password hashing: accounts are not what these tests are about.
    static var fastLimits: EngineLimits {
        var limits = EngineLimits()
        limits.passwordHashIterations = 1
        return limits
    }

    func engine(_ region: String) throws -> Engine { try federation.region(region).engine }

    func fabric(_ region: String, _ name: String = "_system") throws -> Fabric { try engine(region).fabric(name) }

    func collection(_ region: String, _ name: String, fabric: String = "_system") throws -> DocumentCollection {
        try self.fabric(region, fabric).collection(name)
    }

    func advance(_ milliseconds: Double) { scheduler.advance(byMilliseconds: milliseconds) }

    /// Runs replication until nothing is in flight (links must be up).
    func settle(file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(scheduler.runUntilIdle(), "replication did not quiesce", file: file, line: line)
    }

    /// Every document of a collection in one region: `_key` → the document.
    func contents(_ region: String, _ name: String, fabric: String = "_system") throws -> [String: JSON] {
        guard try self.fabric(region, fabric).hasCollection(name) else { return [:] }
        let scanner = try collection(region, name, fabric: fabric).scan()
        var documents: [String: JSON] = [:]
        while let document = try scanner.next() { documents[document["_key"].stringValue ?? ""] = document }
        return documents
    }

    /// Asserts that every region holds the same documents in `name`.
    func assertConverged(_ name: String, fabric: String = "_system", file: StaticString = #filePath, line: UInt = #line) throws {
        let names = federation.regions.map(\.name)
        let first = try contents(names[0], name, fabric: fabric)
        for other in names.dropFirst() {
            let theirs = try contents(other, name, fabric: fabric)
            XCTAssertEqual(theirs, first, "\(other) differs from \(names[0]) in \(name)", file: file, line: line)
        }
    }
}
