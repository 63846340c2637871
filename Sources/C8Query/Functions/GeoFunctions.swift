import C8Core

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// C8QL's geo functions: distances, GeoJSON constructors and predicates on
/// the sphere (``GeoShape``), plus NEAR/WITHIN, which ask the environment's
/// geo index.
enum GeoFunctions {
    static let definitions: [FunctionDefinition] = measures + GeoConstructorFunctions.definitions + indexed

    private static let measures: [FunctionDefinition] = [
        FunctionDefinition("DISTANCE", 4...4, .geo) { call in
            guard call.arguments.allSatisfy({ $0.doubleValue != nil }) else { return call.invalidArgument() }
            return .finite(haversine(latitude1: call.double(0), longitude1: call.double(1),
                                     latitude2: call.double(2), longitude2: call.double(3)))
        },
        FunctionDefinition("GEO_DISTANCE", 2...3, .geo) { call in
            guard let a = shape(call, 0, allowCoordinatePair: true), let b = shape(call, 1, allowCoordinatePair: true)
            else { return .null }
            return .finite(Ellipsoid(name: call[2].stringValue).distance(a.centroid, b.centroid))
        },
        FunctionDefinition("GEO_IN_RANGE", 4...7, .geo) { call in
            guard let a = shape(call, 0, allowCoordinatePair: true), let b = shape(call, 1, allowCoordinatePair: true)
            else { return .null }
            guard let low = call[2].doubleValue, let high = call[3].doubleValue else {
                return call.warning(.badParameter, "3rd and 4th argument require numbers")
            }
            for index in [4, 5] where call.has(index) && call[index].boolValue == nil {
                return call.warning(.badParameter, "argument \(index + 1) requires a bool")
            }
            let distance = Ellipsoid(name: call[6].stringValue).distance(a.centroid, b.centroid)
            let aboveLow = call.bool(4, default: true) ? distance >= low : distance > low
            let belowHigh = call.bool(5, default: true) ? distance <= high : distance < high
            return .bool(aboveLow && belowHigh)
        },
        FunctionDefinition("GEO_CONTAINS", 2...2, .geo) { call in relation(call, contains: true) },
        FunctionDefinition("GEO_INTERSECTS", 2...2, .geo) { call in relation(call, contains: false) },
        FunctionDefinition("GEO_EQUALS", 2...2, .geo) { call in
            guard call[0].objectValue != nil, call[1].objectValue != nil else {
                return call.warning(.queryFunctionArgumentTypeMismatch, "Expecting GeoJSON object")
            }
            guard let a = shape(call, 0, allowCoordinatePair: false), let b = shape(call, 1, allowCoordinatePair: false)
            else { return .null }
            return .bool(a.equals(b))
        },
        FunctionDefinition("GEO_AREA", 1...2, .geo) { call in
            guard let region = shape(call, 0, allowCoordinatePair: false) else { return .null }
            return .double(region.area(on: Ellipsoid(name: call[1].stringValue)))
        },
        FunctionDefinition("IS_IN_POLYGON", 2...3, .geo) { call in isInPolygon(call) },
    ]

    private static let indexed: [FunctionDefinition] = [
        FunctionDefinition("NEAR", 3...5, .geo, deterministic: false) { call throws(C8Error) in
            let (collection, latitude, longitude) = try origin(call)
            let limit = call[3].isNull ? 100 : max(call.integer(3), 0)
            return .array(try call.environment.near(collection: collection, latitude: latitude, longitude: longitude,
                                                    limit: limit, distanceAttribute: try distanceAttribute(call, 4)))
        },
        FunctionDefinition("WITHIN", 4...5, .geo, deterministic: false) { call throws(C8Error) in
            let (collection, latitude, longitude) = try origin(call)
            guard let radius = call[3].doubleValue else { throw call.invalidArgumentError() }
            return .array(try call.environment.within(collection: collection, latitude: latitude, longitude: longitude,
                                                      radius: radius, distanceAttribute: try distanceAttribute(call, 4)))
        },
    ]

    // MARK: Helpers

    /// DISTANCE's haversine formula, ArangoDB's to the last operation.
    static func haversine(latitude1: Double, longitude1: Double, latitude2: Double, longitude2: Double) -> Double {
        let radians = Double.pi / 180
        let p1 = latitude1 * radians
        let p2 = latitude2 * radians
        let d1 = (latitude2 - latitude1) * radians
        let d2 = (longitude2 - longitude1) * radians
        let a = sin(d1 / 2) * sin(d1 / 2) + cos(p1) * cos(p2) * sin(d2 / 2) * sin(d2 / 2)
        let c = 2 * atan2(a.squareRoot(), (1 - a).squareRoot())
        return SphericalGeometry.earthRadius * c
    }

    /// The geometry at `index`, or nil after warning why it is not one.
    private static func shape(_ call: FunctionCall, _ index: Int, allowCoordinatePair: Bool) -> GeoShape? {
        switch GeoShape.parse(call[index], allowCoordinatePair: allowCoordinatePair) {
        case .success(let shape): return shape
        case .failure(let error):
            _ = call.warning(.badParameter, error.message)
            return nil
        }
    }

    /// GEO_CONTAINS/GEO_INTERSECTS(geoJson, geoJson | [lon, lat]): the first
    /// argument must be a GeoJSON object, and a Polygon or MultiPolygon for
    /// GEO_CONTAINS.
    private static func relation(_ call: FunctionCall, contains: Bool) -> JSON {
        guard call[0].objectValue != nil else {
            return call.warning(.queryFunctionArgumentTypeMismatch, "Expecting GeoJSON object")
        }
        guard let outer = shape(call, 0, allowCoordinatePair: false) else { return .null }
        if contains && !outer.isArea {
            return call.warning(.queryFunctionArgumentTypeMismatch,
                                "Only Polygon and MultiPolygon types are valid as first argument")
        }
        guard let inner = shape(call, 1, allowCoordinatePair: true) else { return .null }
        return .bool(contains ? outer.contains(inner) : outer.intersects(inner))
    }

    /// IS_IN_POLYGON(polygon, latitude, longitude) or
    /// IS_IN_POLYGON(polygon, [latitude, longitude][, geoJson]) — the
    /// deprecated form whose polygon is a list of `[lat, lon]` pairs (or
    /// `[lon, lat]` pairs when geoJson is true).
    private static func isInPolygon(_ call: FunctionCall) -> JSON {
        guard case .array(let coordinates) = call[0] else { return call.warning(.queryArrayExpected) }
        var geoJSON = false
        let latitude: Double
        let longitude: Double
        if case .array(let pair) = call[1] {
            geoJSON = call[2].boolValue ?? false
            guard pair.count >= 2, let first = pair[0].doubleValue, let second = pair[1].doubleValue else {
                return call.invalidArgument()
            }
            (latitude, longitude) = geoJSON ? (second, first) : (first, second)
        } else if let lat = call[1].doubleValue, let lon = call[2].doubleValue {
            (latitude, longitude) = (lat, lon)
        } else {
            return call.invalidArgument()
        }
        var ring: [UnitVector] = []
        for coordinate in coordinates {
            guard case .array(let pair) = coordinate, pair.count >= 2,
                  let first = pair[0].doubleValue, let second = pair[1].doubleValue
            else { return call.warning(.badParameter, "Invalid polygon coordinates") }
            ring.append(geoJSON ? UnitVector(longitude: first, latitude: second) : UnitVector(longitude: second, latitude: first))
        }
        if ring.count > 1, ring.first == ring.last { ring.removeLast() }
        guard ring.count >= 3 else { return call.warning(.badParameter, "a Polygon needs at least three positions") }
        return .bool(SphericalGeometry.ring(ring, contains: UnitVector(longitude: longitude, latitude: latitude)))
    }

    /// NEAR/WITHIN's collection name and point; wrong types are errors, as
    /// in ArangoDB's implementation of these index placeholders.
    private static func origin(_ call: FunctionCall) throws(C8Error) -> (String, Double, Double) {
        guard case .string(let collection) = call[0], let latitude = call[1].doubleValue,
              let longitude = call[2].doubleValue
        else { throw call.invalidArgumentError() }
        return (collection, latitude, longitude)
    }

    private static func distanceAttribute(_ call: FunctionCall, _ index: Int) throws(C8Error) -> String? {
        switch call[index] {
        case .null: return nil
        case .string(let name): return name
        default: throw call.invalidArgumentError()
        }
    }
}
