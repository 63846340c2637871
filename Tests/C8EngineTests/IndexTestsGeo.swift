import C8Core
@testable import C8Engine
import C8Storage
import XCTest

class GeoIndexTests: IndexTestCase {
    private func geo(_ fields: [String], geoJson: Bool = false) throws -> GeoIndex {
        GeoIndex(definition: try definition(.geo, fields, sparse: true, geoJson: geoJson))
    }

    func testDistanceIsArangoDBs() {
        // ArangoDB's documented example: DISTANCE(50.9322, 6.94, 52.5163, 13.3777).
        XCTAssertEqual(GeoPoint.distance(latitude1: 50.9322, longitude1: 6.94, latitude2: 52.5163, longitude2: 13.3777),
                       476_918.89688380965, accuracy: 1e-6)
        XCTAssertEqual(GeoPoint.distance(latitude1: 0, longitude1: 179.5, latitude2: 0, longitude2: -179.5),
                       GeoPoint.earthRadius * Double.pi / 180, accuracy: 1e-6)
        XCTAssertEqual(GeoPoint.distance(latitude1: 90, longitude1: 0, latitude2: -90, longitude2: 0),
                       GeoPoint.earthRadius * Double.pi, accuracy: 1e-6)
    }

    func testPositionsFromOneOrTwoFields() throws {
        let pair = try geo(["loc"])
        XCTAssertEqual(pair.point(of: ["loc": [10, 20]]), GeoPoint(latitude: 10, longitude: 20))
        XCTAssertEqual(pair.point(of: ["loc": ["type": "Point", "coordinates": [20, 10]]]), GeoPoint(latitude: 10, longitude: 20))
        let geoJson = try geo(["loc"], geoJson: true)
        XCTAssertEqual(geoJson.point(of: ["loc": [20, 10]]), GeoPoint(latitude: 10, longitude: 20))
        let two = try geo(["lat", "lon"])
        XCTAssertEqual(two.point(of: ["lat": 10, "lon": 20.5]), GeoPoint(latitude: 10, longitude: 20.5))
        for invalid: JSON in [["loc": [91, 0]], ["loc": [0, 180.5]], ["loc": ["1", "2"]], ["loc": [1, 2, 3]], ["loc": .null], [:],
                              ["loc": ["type": "Polygon", "coordinates": [1, 2]]]] {
            XCTAssertNil(pair.point(of: invalid), "\(invalid)")
            XCTAssertEqual(pair.entries(for: invalid, key: "k"), [])
        }
        XCTAssertNil(two.point(of: ["lat": 10]))
        XCTAssertNil(two.point(of: ["lat": -90.5, "lon": 0]))
    }

    func testEntryCarriesCoordinates() throws {
        let entries = try geo(["loc"]).entries(for: ["loc": [-33.5, 151.25]], key: "syd")
        XCTAssertEqual(entries.count, 1)
        let value = entries[0].value
        XCTAssertEqual(value.count, 16 + 3)
        XCTAssertEqual(Array(value.suffix(3)), Array("syd".utf8))
        let lat = Double(bitPattern: value[0..<8].reduce(0) { $0 << 8 | UInt64($1) })
        let lon = Double(bitPattern: value[8..<16].reduce(0) { $0 << 8 | UInt64($1) })
        XCTAssertEqual(lat, -33.5)
        XCTAssertEqual(lon, 151.25)
        XCTAssertEqual(Array(entries[0].key.prefix(9)), KeySpace.indexPrefix(7))
        XCTAssertEqual(Array(entries[0].key.suffix(3)), Array("syd".utf8))
    }

    func testZOrderCellsHoldTheirPoints() {
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<500 {
            let lat = Double.random(in: -90...90, using: &rng)
            let lon = Double.random(in: -180...180, using: &rng)
            let code = ZOrder.code(latitude: lat, longitude: lon)
            let level = Int.random(in: 0...32, using: &rng)
            let shift = UInt32(32 - level)
            let cell = ZOrder.Cell(
                level: level, row: level == 0 ? 0 : ZOrder.quantizedLatitude(lat) >> shift,
                column: level == 0 ? 0 : ZOrder.quantizedLongitude(lon) >> shift)
            XCTAssertTrue(cell.codes.contains(code), "level \(level)")
        }
    }

    func testCoveringStaysSmall() {
        for (lat, lon, radius) in [(0.0, 0.0, 10.0), (89.99, 10, 5_000), (-90, 0, 1), (10, 179.999, 50_000), (0, 0, 3e7)] {
            let covering = GeoCovering(center: GeoPoint(latitude: lat, longitude: lon)!, radius: radius)
            let ranges = covering.codeRanges
            XCTAssertLessThanOrEqual(ranges.count, GeoCovering.maximumCells)
            XCTAssertFalse(ranges.isEmpty)
        }
        let antimeridian = GeoCovering(center: GeoPoint(latitude: 10, longitude: 179.999)!, radius: 50_000)
        XCTAssertEqual(antimeridian.boxes.count, 2, "split at ±180")
        let pole = GeoCovering(center: GeoPoint(latitude: 89.99, longitude: 10)!, radius: 5_000)
        XCTAssertEqual(pole.boxes, [GeoCovering.Box(minLatitude: pole.boxes[0].minLatitude, maxLatitude: 90, minLongitude: -180, maxLongitude: 180)])
    }

    /// Random points, with clusters at both poles and along the antimeridian.
    private func randomPoints(_ count: Int, using rng: inout SeededGenerator) -> [(key: String, point: GeoPoint)] {
        (0..<count).map { i in
            let lat: Double
            let lon: Double
            switch i % 4 {
            case 0: lat = Double.random(in: 89.5...90, using: &rng) * (Bool.random(using: &rng) ? 1 : -1)
                lon = Double.random(in: -180...180, using: &rng)
            case 1: lat = Double.random(in: -60...60, using: &rng)
                lon = Double.random(in: 179.5...180, using: &rng) * (Bool.random(using: &rng) ? 1 : -1)
            case 2: lat = Double.random(in: 45...46, using: &rng)
                lon = Double.random(in: 7...8, using: &rng)
            default:
                lat = asin(Double.random(in: -1...1, using: &rng)) * 180 / .pi
                lon = Double.random(in: -180...180, using: &rng)
            }
            return ("p\(i)", GeoPoint(latitude: lat, longitude: lon)!)
        }
    }

    private func randomCenter(using rng: inout SeededGenerator) -> GeoPoint {
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: return GeoPoint(latitude: 90 * (Bool.random(using: &rng) ? 1 : -1), longitude: Double.random(in: -180...180, using: &rng))!
        case 1: return GeoPoint(latitude: Double.random(in: 89...90, using: &rng), longitude: Double.random(in: -180...180, using: &rng))!
        case 2: return GeoPoint(latitude: Double.random(in: -60...60, using: &rng), longitude: 180 * (Bool.random(using: &rng) ? 1 : -1))!
        case 3: return GeoPoint(latitude: Double.random(in: 45...46, using: &rng), longitude: Double.random(in: 7...8, using: &rng))!
        default: return GeoPoint(latitude: Double.random(in: -90...90, using: &rng), longitude: Double.random(in: -180...180, using: &rng))!
        }
    }

    private func bruteForce(_ points: [(key: String, point: GeoPoint)], from center: GeoPoint) -> [GeoIndex.Match] {
        points.map { GeoIndex.Match(key: $0.key, distance: center.distance(to: $0.point)) }
            .sorted { $0.distance != $1.distance ? $0.distance < $1.distance : $0.key.utf8Compare($1.key) < 0 }
    }

    func testWithinAndNearMatchBruteForce() throws {
        var rng = SeededGenerator(seed: 0x6E0)
        let storage = try makeStorage()
        let index = try geo(["lat", "lon"])
        let points = randomPoints(1200, using: &rng)
        try self.index(points.map { ($0.key, ["lat": .double($0.point.latitude), "lon": .double($0.point.longitude)]) }, with: index, in: storage)

        var found = 0
        for round in 0..<150 {
            let center = randomCenter(using: &rng)
            let all = bruteForce(points, from: center)
            let radius = pow(10, Double.random(in: 1...7.3, using: &rng))
            let within = index.within(latitude: center.latitude, longitude: center.longitude, radiusMeters: radius, in: storage)
            XCTAssertEqual(within, all.filter { $0.distance <= radius }, "round \(round): \(center) r=\(radius)")
            found += within.count
            let limit = Int.random(in: 1...30, using: &rng)
            let near = index.near(latitude: center.latitude, longitude: center.longitude, limit: limit, in: storage)
            XCTAssertEqual(near, Array(all.prefix(limit)), "round \(round): near \(center) limit \(limit)")
        }
        XCTAssertGreaterThan(found, 1000, "radii must catch points")
    }

    func testNearWithFewPointsReturnsAllSorted() throws {
        let storage = try makeStorage()
        let index = try geo(["loc"], geoJson: true)
        try self.index([("a", ["loc": [0, 0]]), ("b", ["loc": [179.9, -89.9]]), ("c", ["loc": [-179.9, 0.1]])], with: index, in: storage)
        let near = index.near(latitude: 0, longitude: 180, limit: 10, in: storage)
        XCTAssertEqual(near.map(\.key), ["c", "b", "a"])
        XCTAssertEqual(index.near(latitude: 0, longitude: 180, limit: 0, in: storage), [])
        XCTAssertEqual(index.within(latitude: 0, longitude: 0, radiusMeters: -1, in: storage), [])
        XCTAssertEqual(index.within(latitude: 0, longitude: 0, radiusMeters: 0, in: storage).map(\.key), ["a"])
    }

    func testInvalidCentersMatchNothing() throws {
        let storage = try makeStorage()
        let index = try geo(["loc"])
        try self.index([("a", ["loc": [0, 0]])], with: index, in: storage)
        XCTAssertEqual(index.within(latitude: 0, longitude: 0, radiusMeters: 1, in: storage).map(\.key), ["a"])
        XCTAssertEqual(index.within(latitude: 91, longitude: 0, radiusMeters: 1e8, in: storage), [])
        XCTAssertEqual(index.within(latitude: 0, longitude: 0, radiusMeters: .nan, in: storage), [])
        XCTAssertEqual(index.near(latitude: 0, longitude: -181, limit: 1, in: storage), [])
        XCTAssertEqual(index.near(latitude: .nan, longitude: 0, limit: 1, in: storage), [])
    }
}

/// The geo property test on RocksDB.
final class GeoIndexRocksDBTests: GeoIndexTests {
    override func makeStorage() throws -> any StorageEngine { try makeRocksDB() }

    func testPointsSurviveReopen() throws {
        let directory = temporaryDirectory()
        let index = GeoIndex(definition: try definition(.geo, ["loc"], sparse: true))
        let storage = try openRocksDB(at: directory)
        try self.index([("cologne", ["loc": [50.9322, 6.94]]), ("berlin", ["loc": [52.5163, 13.3777]])], with: index, in: storage)
        storage.close()
        let reopened = try openRocksDB(at: directory)
        let near = index.near(latitude: 50.9322, longitude: 6.94, limit: 5, in: reopened)
        XCTAssertEqual(near.map(\.key), ["cologne", "berlin"])
        XCTAssertEqual(near[1].distance, 476_918.89688380965, accuracy: 1e-6)
    }
}
