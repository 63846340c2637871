import Foundation

/// The Z-order code ranges to scan for every point within a distance of a
/// center: a small set of quadtree cells covering the circle's bounding
/// box(es). The cover may hold points outside the circle (the caller
/// filters by exact distance) but never misses one inside.
struct GeoCovering {
    /// A latitude/longitude box in degrees, edges included.
    struct Box: Equatable {
        var minLatitude: Double
        var maxLatitude: Double
        var minLongitude: Double
        var maxLongitude: Double

        static let world = Box(minLatitude: -90, maxLatitude: 90, minLongitude: -180, maxLongitude: 180)
    }

    /// The most cells a cover uses; more cells fit the circle tighter but
    /// cost a seek each.
    static let maximumCells = 32

    let boxes: [Box]

    /// The boxes covering the circle of `radius` meters around `center`.
    ///
    /// Latitude spans center ± the angular radius. If that reaches a pole,
    /// the circle contains the pole and every longitude. Otherwise the
    /// widest longitude span is asin(sin δ / cos φ) (the tangent meridians),
    /// split in two where it crosses the antimeridian. A hair of slack keeps
    /// rounding from excluding a point exactly on the edge.
    init(center: GeoPoint, radius: Double) {
        let delta = radius / GeoPoint.earthRadius * (1 + 1e-9) + 1e-12
        guard delta < Double.pi else {
            boxes = [.world]
            return
        }
        let degrees = 180 / Double.pi
        let minLatitude = center.latitude - delta * degrees
        let maxLatitude = center.latitude + delta * degrees
        if minLatitude <= -90 || maxLatitude >= 90 {
            boxes = [Box(
                minLatitude: max(minLatitude, -90), maxLatitude: min(maxLatitude, 90),
                minLongitude: -180, maxLongitude: 180)]
            return
        }
        let ratio = sin(delta) / cos(center.latitude / degrees)
        let halfWidth = ratio >= 1 ? 180 : asin(ratio) * degrees
        let west = center.longitude - halfWidth
        let east = center.longitude + halfWidth
        func box(_ minLongitude: Double, _ maxLongitude: Double) -> Box {
            Box(minLatitude: minLatitude, maxLatitude: maxLatitude, minLongitude: minLongitude, maxLongitude: maxLongitude)
        }
        if halfWidth >= 180 {
            boxes = [box(-180, 180)]
        } else if west < -180 {
            boxes = [box(west + 360, 180), box(-180, east)]
        } else if east > 180 {
            boxes = [box(west, 180), box(-180, east - 360)]
        } else {
            boxes = [box(west, east)]
        }
    }

    /// The code ranges of the cover: the cells of the finest level at which
    /// the boxes need at most ``maximumCells`` cells, adjacent ones merged,
    /// ascending and disjoint.
    var codeRanges: [ClosedRange<UInt64>] {
        let level = (0...32).reversed().first { cellCount(at: $0) <= Double(Self.maximumCells) } ?? 0
        var cells: Set<ZOrder.Cell> = []
        for box in boxes {
            let (rows, columns) = Self.indices(of: box, level: level)
            for row in rows {
                for column in columns { cells.insert(ZOrder.Cell(level: level, row: row, column: column)) }
            }
        }
        var ranges: [ClosedRange<UInt64>] = []
        for range in cells.map(\.codes).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = ranges.last, last.upperBound < .max, last.upperBound + 1 >= range.lowerBound {
                ranges[ranges.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                ranges.append(range)
            }
        }
        return ranges
    }

    /// How many cells cover the boxes at `level` (as a Double: at level 32
    /// a box may span more than Int can count).
    private func cellCount(at level: Int) -> Double {
        boxes.reduce(0) { total, box in
            let (rows, columns) = Self.indices(of: box, level: level)
            return total + Double(rows.count) * Double(columns.count)
        }
    }

    /// The rows and columns at `level` that intersect `box`.
    private static func indices(of box: Box, level: Int) -> (rows: ClosedRange<UInt32>, columns: ClosedRange<UInt32>) {
        let shift = UInt32(32 - level)
        func cell(_ quantized: UInt32) -> UInt32 { level == 0 ? 0 : quantized >> shift }
        let rows = cell(ZOrder.quantizedLatitude(box.minLatitude))...cell(ZOrder.quantizedLatitude(box.maxLatitude))
        let columns = cell(ZOrder.quantizedLongitude(box.minLongitude))...cell(ZOrder.quantizedLongitude(box.maxLongitude))
        return (rows, columns)
    }
}
