import C8Core

/// A GeoJSON geometry (RFC 7946) parsed for computation: every position
/// as a unit vector, polygons as rings without their closing repeat.
struct GeoShape {
    enum Kind: String {
        case point = "Point"
        case multiPoint = "MultiPoint"
        case lineString = "LineString"
        case multiLineString = "MultiLineString"
        case polygon = "Polygon"
        case multiPolygon = "MultiPolygon"
    }

    /// A polygon: the exterior ring, then holes.
    struct Polygon {
        var rings: [[UnitVector]]
        /// The same rings in degrees, for ellipsoidal area.
        var degrees: [[(longitude: Double, latitude: Double)]]
    }

    let kind: Kind
    /// Points (one for a Point) or the vertices of each line.
    var lines: [[UnitVector]] = []
    var polygons: [Polygon] = []

    var isArea: Bool { kind == .polygon || kind == .multiPolygon }

    /// Why a value is not a geometry ArangoDB would accept.
    struct ParseError: Error {
        let message: String
    }

    // MARK: Parsing

    /// A GeoJSON object, or — where ArangoDB allows it — a `[lon, lat]`
    /// coordinate pair, which is a point.
    static func parse(_ value: JSON, allowCoordinatePair: Bool) -> Result<GeoShape, ParseError> {
        if allowCoordinatePair, case .array(let pair) = value, pair.count >= 2 {
            return position(value).map { GeoShape(kind: .point, lines: [[$0.vector]]) }
        }
        guard case .object(let object) = value else {
            return .failure(ParseError(message: allowCoordinatePair ? "Requires coordinate pair or GeoJSON"
                                                                      : "Invalid GeoJSON Geometry Object."))
        }
        guard let typeName = object["type"]?.stringValue,
              let kind = Kind.allCases.first(where: { $0.rawValue.lowercased() == typeName.lowercased() })
        else { return .failure(ParseError(message: "Invalid GeoJSON Geometry Object.")) }
        let coordinates = object["coordinates"] ?? .null
        do {
            switch kind {
            case .point:
                return .success(GeoShape(kind: kind, lines: [[try position(coordinates).get().vector]]))
            case .multiPoint:
                let points = try positions(coordinates, minimum: 1, what: "MultiPoint")
                return .success(GeoShape(kind: kind, lines: points.map { [$0.vector] }))
            case .lineString:
                return .success(GeoShape(kind: kind, lines: [try positions(coordinates, minimum: 2, what: "LineString")
                        .map(\.vector)]))
            case .multiLineString:
                guard case .array(let lines) = coordinates, !lines.isEmpty else {
                    throw ParseError(message: "Invalid MultiLinestring")
                }
                return .success(GeoShape(kind: kind, lines: try lines.map {
                    try positions($0, minimum: 2, what: "LineString").map(\.vector)
                }))
            case .polygon:
                return .success(GeoShape(kind: kind, polygons: [try polygon(coordinates)]))
            case .multiPolygon:
                guard case .array(let polygons) = coordinates, !polygons.isEmpty else {
                    throw ParseError(message: "Invalid MultiPolygon")
                }
                return .success(GeoShape(kind: kind, polygons: try polygons.map(polygon)))
            }
        } catch let error as ParseError {
            return .failure(error)
        } catch {
            return .failure(ParseError(message: "Invalid GeoJSON Geometry Object."))
        }
    }

    private struct Position {
        let longitude: Double
        let latitude: Double
        var vector: UnitVector { UnitVector(longitude: longitude, latitude: latitude) }
    }

    /// `[longitude, latitude(, altitude)]`, within the valid ranges.
    private static func position(_ value: JSON) -> Result<Position, ParseError> {
        guard case .array(let numbers) = value, numbers.count >= 2,
              let longitude = numbers[0].doubleValue, let latitude = numbers[1].doubleValue
        else { return .failure(ParseError(message: "Bad coordinates, expected [longitude, latitude]")) }
        guard abs(latitude) <= 90, abs(longitude) <= 180 else {
            return .failure(ParseError(message: "Latitude or longitude out of range"))
        }
        return .success(Position(longitude: longitude, latitude: latitude))
    }

    private static func positions(_ value: JSON, minimum: Int, what: String) throws -> [Position] {
        guard case .array(let elements) = value, elements.count >= minimum else {
            throw ParseError(message: "Invalid \(what)")
        }
        return try elements.map { try position($0).get() }
    }

    /// Rings must be closed (first position repeated last) and have at
    /// least four positions, as GeoJSON requires.
    private static func polygon(_ value: JSON) throws -> Polygon {
        guard case .array(let rings) = value, !rings.isEmpty else { throw ParseError(message: "Invalid Polygon") }
        var polygon = Polygon(rings: [], degrees: [])
        for ring in rings {
            var points = try positions(ring, minimum: 4, what: "Loop, at least four positions are needed")
            guard let first = points.first, let last = points.last,
                  first.longitude == last.longitude, first.latitude == last.latitude
            else { throw ParseError(message: "Loop not closed") }
            points.removeLast()
            polygon.rings.append(points.map(\.vector))
            polygon.degrees.append(points.map { ($0.longitude, $0.latitude) })
        }
        return polygon
    }
}

extension GeoShape.Kind: CaseIterable {}
