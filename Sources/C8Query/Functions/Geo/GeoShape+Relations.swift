/// Containment, intersection, equality, centroid and area of geometries on
/// the sphere.
///
/// Polygons contain points strictly inside their exterior ring and outside
/// their holes; a point exactly on a boundary may go either way (S2, which
/// ArangoDB uses, settles that by a tie-breaking rule of its own).
extension GeoShape {
    /// The boundaries and lines, as polylines (rings closed).
    var polylines: [[UnitVector]] {
        isArea ? polygons.flatMap { $0.rings.map(SphericalGeometry.closed) } : lines
    }

    /// Every position.
    var vertices: [UnitVector] {
        isArea ? polygons.flatMap { $0.rings.flatMap { $0 } } : lines.flatMap { $0 }
    }

    func contains(_ p: UnitVector) -> Bool {
        polygons.contains { $0.contains(p) }
    }

    /// GEO_CONTAINS: every part of `other` lies inside one of this shape's
    /// polygons (only meaningful when ``isArea``).
    func contains(_ other: GeoShape) -> Bool {
        if other.isArea {
            return other.polygons.allSatisfy { inner in polygons.contains { $0.contains(inner) } }
        }
        if other.kind == .point || other.kind == .multiPoint {
            return other.lines.allSatisfy { contains($0[0]) }
        }
        return other.lines.allSatisfy { line in polygons.contains { $0.contains(line: line) } }
    }

    /// GEO_INTERSECTS: whether the shapes share at least one point.
    func intersects(_ other: GeoShape) -> Bool {
        if isArea, other.vertices.contains(where: contains) { return true }
        if other.isArea, vertices.contains(where: other.contains) { return true }
        for a in polylines {
            for b in other.polylines where SphericalGeometry.polylinesIntersect(a, b) { return true }
        }
        return false
    }

    /// GEO_EQUALS: the same type and the same positions; rings may start at
    /// a different vertex or run the other way.
    func equals(_ other: GeoShape) -> Bool {
        guard kind == other.kind, lines.count == other.lines.count, polygons.count == other.polygons.count else {
            return false
        }
        for (a, b) in zip(lines, other.lines) where !Self.same(a, b) { return false }
        for (p, q) in zip(polygons, other.polygons) {
            guard p.rings.count == q.rings.count else { return false }
            for (a, b) in zip(p.rings, q.rings) where !Self.sameRing(a, b) { return false }
        }
        return true
    }

    private static func same(_ a: [UnitVector], _ b: [UnitVector]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.angle(to: $1) < 1e-12 }
    }

    private static func sameRing(_ a: [UnitVector], _ b: [UnitVector]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        for start in b.indices where a[0].angle(to: b[start]) < 1e-12 {
            let rotated = Array(b[start...] + b[..<start])
            let reversed = [rotated[0]] + rotated.dropFirst().reversed()
            if same(a, rotated) || same(a, reversed) { return true }
        }
        return false
    }

    /// The centroid direction: the mean of points, the length-weighted
    /// mean of edge midpoints for lines, the area-weighted mean of triangle
    /// centroids for polygons (holes subtracting).
    var centroid: UnitVector {
        var sum = UnitVector(x: 0, y: 0, z: 0)
        switch kind {
        case .point, .multiPoint:
            for line in lines { sum = sum + line[0] }
        case .lineString, .multiLineString:
            for line in lines where line.count > 1 {
                for i in 0..<(line.count - 1) {
                    if let mid = (line[i] + line[i + 1]).normalized { sum = sum + line[i].angle(to: line[i + 1]) * mid }
                }
            }
            if sum.norm == 0 { for line in lines { for p in line { sum = sum + p } } }
        case .polygon, .multiPolygon:
            for polygon in polygons {
                for (index, ring) in polygon.rings.enumerated() where ring.count >= 3 {
                    let orientation: Double = SphericalGeometry.signedArea(ring) < 0 ? -1 : 1
                    let weight: Double = index == 0 ? 1 : -1
                    for i in 1..<(ring.count - 1) {
                        let triangle = [ring[0], ring[i], ring[i + 1]]
                        let area = SphericalGeometry.signedArea(triangle) * orientation * weight
                        if let center = (ring[0] + ring[i] + ring[i + 1]).normalized { sum = sum + area * center }
                    }
                }
            }
            if sum.norm == 0 { for p in vertices { sum = sum + p } }
        }
        return sum.normalized ?? vertices.first ?? UnitVector(x: 1, y: 0, z: 0)
    }

    /// GEO_AREA in m²: polygons only, 0 for points and lines.
    func area(on ellipsoid: Ellipsoid) -> Double {
        polygons.reduce(0) { $0 + ellipsoid.area(rings: $1.degrees) }
    }
}

extension GeoShape.Polygon {
    func contains(_ p: UnitVector) -> Bool {
        guard let exterior = rings.first, SphericalGeometry.ring(exterior, contains: p) else { return false }
        return !rings.dropFirst().contains { SphericalGeometry.ring($0, contains: p) }
    }

    /// Whether a polyline lies inside: its vertices inside and none of its
    /// edges crossing a ring.
    func contains(line: [UnitVector]) -> Bool {
        guard line.allSatisfy(contains) else { return false }
        guard line.count > 1 else { return true }
        return !rings.contains { SphericalGeometry.polylinesIntersect(SphericalGeometry.closed($0), line) }
    }

    /// Whether another polygon lies inside: its exterior inside (as a
    /// closed line) and none of our holes inside it.
    func contains(_ inner: GeoShape.Polygon) -> Bool {
        guard let innerExterior = inner.rings.first else { return true }
        guard contains(line: SphericalGeometry.closed(innerExterior)) else { return false }
        return !rings.dropFirst().contains { hole in hole.contains { SphericalGeometry.ring(innerExterior, contains: $0) } }
    }
}
