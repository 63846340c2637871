#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The reference surfaces GEO_DISTANCE, GEO_AREA and GEO_IN_RANGE accept:
/// "sphere" (the default, radius 6371000 m) and "wgs84".
enum Ellipsoid {
    case sphere
    case wgs84

    /// ArangoDB's `ellipsoidFromString`: "wgs84" (any case) selects WGS 84,
    /// anything else the sphere.
    init(name: String?) {
        self = name?.lowercased() == "wgs84" ? .wgs84 : .sphere
    }

    static let equatorialRadius = 6_378_137.0
    static let flattening = 1 / 298.257223563
    static let polarRadius = equatorialRadius * (1 - flattening)

    /// Geodesic distance in meters. WGS 84 uses Vincenty's inverse formula,
    /// falling back to the sphere in the rare nearly antipodal cases where
    /// it does not converge.
    func distance(_ a: UnitVector, _ b: UnitVector) -> Double {
        switch self {
        case .sphere: return a.angle(to: b) * SphericalGeometry.earthRadius
        case .wgs84:
            return Self.vincenty(latitude1: a.latitude, longitude1: a.longitude, latitude2: b.latitude,
                                 longitude2: b.longitude) ?? a.angle(to: b) * SphericalGeometry.earthRadius
        }
    }

    /// Area in m² of a region given by rings (exterior first, then holes).
    /// WGS 84: the rings are mapped to the authalic sphere (authalic
    /// latitudes, radius 6371007.18 m), an equal-area mapping; exact for
    /// areas bounded by parallels and meridians, within a fraction of a
    /// percent otherwise because edges are treated as great circles there.
    func area(rings: [[(longitude: Double, latitude: Double)]]) -> Double {
        let (radius, latitude): (Double, (Double) -> Double) = switch self {
        case .sphere: (SphericalGeometry.earthRadius, { $0 })
        case .wgs84: (Self.authalicRadius, Self.authalicLatitude)
        }
        var total = 0.0
        for (index, ring) in rings.enumerated() {
            let vectors = ring.map { UnitVector(longitude: $0.longitude, latitude: latitude($0.latitude)) }
            let area = SphericalGeometry.area(vectors)
            total += index == 0 ? area : -area
        }
        return max(total, 0) * radius * radius
    }

    private static let eccentricitySquared = flattening * (2 - flattening)

    private static func q(_ sinPhi: Double) -> Double {
        let e = eccentricitySquared.squareRoot()
        let es = e * sinPhi
        return (1 - eccentricitySquared) * (sinPhi / (1 - es * es) - 1 / (2 * e) * log((1 - es) / (1 + es)))
    }

    static let authalicRadius = equatorialRadius * (q(1) / 2).squareRoot()

    static func authalicLatitude(_ latitude: Double) -> Double {
        let ratio = q(sin(latitude * .pi / 180)) / q(1)
        return asin(max(-1, min(1, ratio))) * 180 / .pi
    }

    /// Vincenty's inverse solution on WGS 84 (meters), nil when the
    /// iteration does not converge.
    static func vincenty(latitude1: Double, longitude1: Double, latitude2: Double, longitude2: Double) -> Double? {
        let a = equatorialRadius
        let b = polarRadius
        let f = flattening
        let radians = Double.pi / 180
        let l = (longitude2 - longitude1) * radians
        let u1 = atan((1 - f) * tan(latitude1 * radians))
        let u2 = atan((1 - f) * tan(latitude2 * radians))
        let (sinU1, cosU1, sinU2, cosU2) = (sin(u1), cos(u1), sin(u2), cos(u2))
        var lambda = l
        for _ in 0..<200 {
            let sinLambda = sin(lambda)
            let cosLambda = cos(lambda)
            let sinSigma = ((cosU2 * sinLambda) * (cosU2 * sinLambda)
                + (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda) * (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda)).squareRoot()
            if sinSigma == 0 { return 0 }
            let cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda
            let sigma = atan2(sinSigma, cosSigma)
            let sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma
            let cosSqAlpha = 1 - sinAlpha * sinAlpha
            let cos2SigmaM = cosSqAlpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cosSqAlpha : 0
            let c = f / 16 * cosSqAlpha * (4 + f * (4 - 3 * cosSqAlpha))
            let previous = lambda
            lambda = l + (1 - c) * f * sinAlpha
                * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)))
            if abs(lambda - previous) < 1e-12 {
                let uSq = cosSqAlpha * (a * a - b * b) / (b * b)
                let bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)))
                let bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)))
                let deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                    - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)))
                return b * bigA * (sigma - deltaSigma)
            }
        }
        return nil
    }
}
