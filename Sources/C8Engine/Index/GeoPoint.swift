import C8Core
import Foundation

/// A valid position on Earth, in degrees: latitude in [-90, 90], longitude
/// in [-180, 180].
public struct GeoPoint: Sendable, Hashable {
    /// The mean Earth radius ArangoDB's `DISTANCE()` uses, in meters.
    public static let earthRadius = 6_371_000.0

    public let latitude: Double
    public let longitude: Double

    /// Nil unless both are finite and in range.
    public init?(latitude: Double, longitude: Double) {
        guard latitude.isFinite, longitude.isFinite, abs(latitude) <= 90, abs(longitude) <= 180 else { return nil }
        self.latitude = latitude
        self.longitude = longitude
    }

    /// The point two JSON values give; nil unless both are numbers in range.
    public init?(coordinates latitude: JSON, _ longitude: JSON) {
        guard let lat = latitude.doubleValue, let lon = longitude.doubleValue else { return nil }
        self.init(latitude: lat, longitude: lon)
    }

    /// A coordinate pair `[a, b]` — `[lat, lon]`, or `[lon, lat]` when
    /// `geoJsonOrder` — or a GeoJSON Point `{"type": "Point",
    /// "coordinates": [lon, lat]}`; nil for anything else.
    public init?(_ value: JSON, geoJsonOrder: Bool) {
        switch value {
        case .array(let pair) where pair.count == 2:
            if geoJsonOrder {
                self.init(coordinates: pair[1], pair[0])
            } else {
                self.init(coordinates: pair[0], pair[1])
            }
        case .object(let object) where object["type"]?.stringValue == "Point":
            guard case .array(let coordinates)? = object["coordinates"], coordinates.count == 2 else { return nil }
            self.init(coordinates: coordinates[1], coordinates[0])
        default:
            return nil
        }
    }

    /// The great-circle distance in meters by the haversine formula, exactly
    /// as ArangoDB's `DISTANCE(lat1, lon1, lat2, lon2)` computes it.
    public static func distance(latitude1: Double, longitude1: Double, latitude2: Double, longitude2: Double) -> Double {
        let radians = Double.pi / 180
        let p1 = latitude1 * radians
        let p2 = latitude2 * radians
        let d1 = (latitude2 - latitude1) * radians
        let d2 = (longitude2 - longitude1) * radians
        let a = sin(d1 / 2) * sin(d1 / 2) + cos(p1) * cos(p2) * sin(d2 / 2) * sin(d2 / 2)
        return earthRadius * 2 * atan2(a.squareRoot(), (1 - a).squareRoot())
    }

    /// The distance to `other` in meters (``distance(latitude1:longitude1:latitude2:longitude2:)``).
    public func distance(to other: GeoPoint) -> Double {
        Self.distance(latitude1: latitude, longitude1: longitude, latitude2: other.latitude, longitude2: other.longitude)
    }
}
