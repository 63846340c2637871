#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A point on the unit sphere, the representation every geo computation
/// works in: great-circle arcs are plane intersections, so containment and
/// crossing tests are sign checks of triple products instead of
/// trigonometry on latitudes (which breaks at the poles and antimeridian).
struct UnitVector: Equatable {
    var x: Double
    var y: Double
    var z: Double

    init(x: Double, y: Double, z: Double) {
        self.x = x
        self.y = y
        self.z = z
    }

    /// From GeoJSON order: longitude, latitude in degrees.
    init(longitude: Double, latitude: Double) {
        let phi = latitude * .pi / 180
        let lambda = longitude * .pi / 180
        self.init(x: cos(phi) * cos(lambda), y: cos(phi) * sin(lambda), z: sin(phi))
    }

    var latitude: Double { atan2(z, (x * x + y * y).squareRoot()) * 180 / .pi }
    var longitude: Double { atan2(y, x) * 180 / .pi }

    static func + (a: UnitVector, b: UnitVector) -> UnitVector { UnitVector(x: a.x + b.x, y: a.y + b.y, z: a.z + b.z) }
    static func - (a: UnitVector, b: UnitVector) -> UnitVector { UnitVector(x: a.x - b.x, y: a.y - b.y, z: a.z - b.z) }
    static func * (s: Double, a: UnitVector) -> UnitVector { UnitVector(x: s * a.x, y: s * a.y, z: s * a.z) }

    func dot(_ b: UnitVector) -> Double { x * b.x + y * b.y + z * b.z }

    func cross(_ b: UnitVector) -> UnitVector {
        UnitVector(x: y * b.z - z * b.y, y: z * b.x - x * b.z, z: x * b.y - y * b.x)
    }

    var norm: Double { dot(self).squareRoot() }

    /// Scaled to length 1; nil for the zero vector (no direction).
    var normalized: UnitVector? {
        let n = norm
        return n > 1e-300 ? (1 / n) * self : nil
    }

    /// The central angle to `b` in radians, accurate for tiny and
    /// near-antipodal angles alike (atan2 of |a×b| and a·b).
    func angle(to b: UnitVector) -> Double { atan2(cross(b).norm, dot(b)) }
}

/// Spherical predicates and measures on closed rings and arcs.
enum SphericalGeometry {
    /// Earth's mean radius in meters, ArangoDB's `kEarthRadiusInMeters` and
    /// the radius of DISTANCE's haversine formula.
    static let earthRadius = 6_371_000.0

    /// Whether `p` lies inside the ring (vertices without the closing
    /// repeat), by winding number: the signed angles the edges subtend at
    /// `p` sum to ±2π inside and to 0 outside. Orientation does not matter;
    /// a ring is taken to enclose the smaller of the two regions it bounds.
    static func ring(_ ring: [UnitVector], contains p: UnitVector) -> Bool {
        guard ring.count >= 3 else { return false }
        var total = 0.0
        for i in 0..<ring.count {
            let a = ring[i]
            let b = ring[(i + 1) % ring.count]
            let numerator = p.dot(a.cross(b))
            let denominator = a.dot(b) - p.dot(a) * p.dot(b)
            total += atan2(numerator, denominator)
        }
        let winds = abs(total) > .pi
        // A ring larger than a hemisphere bounds the complement.
        return ringEnclosesLargerSide(ring) ? !winds : winds
    }

    /// Whether the ring's vertices, as given, would enclose more than half
    /// of the sphere on their "winding" side — then the smaller region is
    /// the other one. (Rings in practice are far below a hemisphere.)
    private static func ringEnclosesLargerSide(_ ring: [UnitVector]) -> Bool {
        abs(signedArea(ring)) > 2 * .pi
    }

    /// The ring's signed area on the unit sphere (steradians), as a fan of
    /// triangles from the first vertex (Van Oosterom–Strackee).
    static func signedArea(_ ring: [UnitVector]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var total = 0.0
        let a = ring[0]
        for i in 1..<(ring.count - 1) {
            let b = ring[i]
            let c = ring[i + 1]
            let numerator = a.dot(b.cross(c))
            let denominator = 1 + a.dot(b) + b.dot(c) + c.dot(a)
            total += 2 * atan2(numerator, denominator)
        }
        return total
    }

    /// The area enclosed by the ring (the smaller side), in steradians.
    static func area(_ ring: [UnitVector]) -> Double {
        let a = abs(signedArea(ring))
        return min(a, 4 * .pi - a)
    }

    /// Whether arcs a0–a1 and b0–b1 (each shorter than half a great
    /// circle) cross or touch.
    static func arcsIntersect(_ a0: UnitVector, _ a1: UnitVector, _ b0: UnitVector, _ b1: UnitVector) -> Bool {
        let na = a0.cross(a1)
        let nb = b0.cross(b1)
        let s1 = na.dot(b0)
        let s2 = na.dot(b1)
        let s3 = nb.dot(a0)
        let s4 = nb.dot(a1)
        let epsilon = 1e-15
        // Both arcs on one great circle: they meet when one holds an end
        // of the other.
        if abs(s1) < epsilon && abs(s2) < epsilon {
            return arc(a0, a1, contains: b0) || arc(a0, a1, contains: b1) || arc(b0, b1, contains: a0)
                || arc(b0, b1, contains: a1)
        }
        guard s1 * s2 <= 0, s3 * s4 <= 0 else { return false }
        // The planes meet along ±d; the crossing must lie on both arcs.
        guard let d = na.cross(nb).normalized else { return false }
        return (arc(a0, a1, contains: d) && arc(b0, b1, contains: d))
            || (arc(a0, a1, contains: -1 * d) && arc(b0, b1, contains: -1 * d))
    }

    /// Whether `p` lies on the minor arc a–b (within ~1 mm on Earth).
    static func arc(_ a: UnitVector, _ b: UnitVector, contains p: UnitVector) -> Bool {
        let ab = a.angle(to: b)
        return abs(a.angle(to: p) + p.angle(to: b) - ab) < 1e-10
    }

    /// Whether two polylines (vertex lists) share a point.
    static func polylinesIntersect(_ a: [UnitVector], _ b: [UnitVector]) -> Bool {
        if a.count == 1 { return b.count == 1 ? a[0].angle(to: b[0]) < 1e-12 : polyline(b, contains: a[0]) }
        if b.count == 1 { return polyline(a, contains: b[0]) }
        for i in 0..<(a.count - 1) {
            for j in 0..<(b.count - 1) where arcsIntersect(a[i], a[i + 1], b[j], b[j + 1]) { return true }
        }
        return false
    }

    static func polyline(_ line: [UnitVector], contains p: UnitVector) -> Bool {
        if line.count == 1 { return line[0].angle(to: p) < 1e-12 }
        for i in 0..<(line.count - 1) where arc(line[i], line[i + 1], contains: p) { return true }
        return false
    }

    /// The edges of a ring as a closed polyline.
    static func closed(_ ring: [UnitVector]) -> [UnitVector] { ring.isEmpty ? ring : ring + [ring[0]] }
}
