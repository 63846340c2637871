import C8Core

/// GEO_POINT, GEO_MULTIPOINT, GEO_LINESTRING, GEO_MULTILINESTRING,
/// GEO_POLYGON and GEO_MULTIPOLYGON: GeoJSON objects from coordinate
/// arrays, checked the way ArangoDB checks them (warnings 1563 for a
/// non-array, 1542 with ArangoDB's messages for bad contents).
enum GeoConstructorFunctions {
    static let definitions: [FunctionDefinition] = [
        FunctionDefinition("GEO_POINT", 2...2, .geo) { call in
            guard call[0].doubleValue != nil, call[1].doubleValue != nil else { return call.invalidArgument() }
            return geometry("Point", [call[0], call[1]])
        },
        positionList("GEO_MULTIPOINT", type: "MultiPoint"),
        positionList("GEO_LINESTRING", type: "LineString"),
        constructor("GEO_MULTILINESTRING") { coordinates in
            guard !coordinates.isEmpty else { throw Invalid("a MultiLineString needs at least one array of linestrings") }
            return geometry("MultiLineString", .array(try coordinates.map { line in
                guard case .array(let positions) = line else { throw Invalid("not an array containing positions") }
                guard positions.count > 1 else { throw Invalid("not an array containing linestrings") }
                return .array(try positions.map(position))
            }))
        },
        constructor("GEO_POLYGON") { coordinates in geometry("Polygon", try polygon(coordinates)) },
        constructor("GEO_MULTIPOLYGON") { coordinates in
            guard coordinates.count >= 2 else { throw Invalid("a MultiPolygon needs at least two Polygons inside.") }
            return geometry("MultiPolygon", .array(try coordinates.map { element in
                guard case .array(let rings) = element else {
                    throw Invalid("a MultiPolygon needs at least two Polygons inside.")
                }
                return .array(try rings.map { ring in
                    guard case .array(let positions) = ring, positions.count > 2 else {
                        throw Invalid("not an array containing positions")
                    }
                    return .array(try positions.map(position))
                })
            }))
        },
    ]

    /// A constructor's complaint, reported as warning 1542.
    struct Invalid: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    private static func constructor(
        _ name: String, _ build: @escaping @Sendable ([JSON]) throws -> JSON
    ) -> FunctionDefinition {
        FunctionDefinition(name, 1...1, .geo) { call in
            guard case .array(let coordinates) = call[0] else { return call.warning(.queryArrayExpected) }
            do {
                return try build(coordinates)
            } catch {
                return call.warning(.queryFunctionArgumentTypeMismatch, (error as? Invalid)?.message)
            }
        }
    }

    /// GEO_MULTIPOINT and GEO_LINESTRING: two or more positions.
    private static func positionList(_ name: String, type: String) -> FunctionDefinition {
        constructor(name) { coordinates in
            guard coordinates.count >= 2 else { throw Invalid("a \(type) needs at least two positions") }
            return geometry(type, .array(try coordinates.map(position)))
        }
    }

    private static func geometry(_ type: String, _ coordinates: JSON) -> JSON {
        ["type": .string(type), "coordinates": coordinates]
    }

    /// A position: an array of numbers (longitude, latitude, optional more).
    private static func position(_ value: JSON) throws -> JSON {
        guard case .array(let numbers) = value else { throw Invalid("not an array containing positions") }
        guard numbers.allSatisfy({ $0.doubleValue != nil }) else { throw Invalid("not a numeric value") }
        return value
    }

    /// GEO_POLYGON's argument: one ring (a list of positions) or a list of
    /// rings (exterior, then holes), each of at least three positions.
    private static func polygon(_ coordinates: [JSON]) throws -> JSON {
        let isSingleRing = coordinates.contains { $0.arrayValue?.count == 2 }
        if isSingleRing {
            guard coordinates.count > 2 else { throw Invalid("a Polygon needs at least three positions") }
            return [.array(try coordinates.map(position))]
        }
        return .array(try coordinates.map { ring in
            guard case .array(let positions) = ring, positions.count > 2 else {
                throw Invalid("not an array containing positions")
            }
            return .array(try positions.map(position))
        })
    }
}
