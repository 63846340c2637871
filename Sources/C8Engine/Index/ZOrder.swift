/// The Z-order (Morton) curve over quantized latitude and longitude: points
/// close on Earth mostly get close 64-bit codes, and every quadtree cell is
/// one contiguous range of codes — what lets a geo index live in a sorted
/// key space.
///
/// Latitude and longitude are quantized to 32 bits each (about 4 mm of
/// latitude per step); the code interleaves them, latitude in the odd bits.
/// A cell at level L (0…32) is 2^L × 2^L subdivisions of the whole map, and
/// holds the codes sharing its top 2L bits.
enum ZOrder {
    /// A quadtree cell: its row (latitude) and column (longitude) at `level`.
    struct Cell: Hashable {
        var level: Int
        var row: UInt32
        var column: UInt32

        /// The codes of every point inside the cell.
        var codes: ClosedRange<UInt64> {
            let shift = 32 - level
            let start = ZOrder.interleave(
                latitude: level == 0 ? 0 : row << shift, longitude: level == 0 ? 0 : column << shift)
            let span: UInt64 = level == 0 ? .max : (1 << (2 * UInt64(shift))) - 1
            return start...(start + span)
        }
    }

    static func code(latitude: Double, longitude: Double) -> UInt64 {
        interleave(latitude: quantizedLatitude(latitude), longitude: quantizedLongitude(longitude))
    }

    /// `value + offset` scaled from [0, range] onto [0, 2^32 - 1]; monotonic,
    /// so a box of coordinates maps onto a box of quantized values.
    static func quantize(_ value: Double, range: Double, offset: Double) -> UInt32 {
        let scaled = ((value + offset) / range * 4_294_967_296.0).rounded(.down)
        return scaled <= 0 ? 0 : (scaled >= 4_294_967_295 ? .max : UInt32(scaled))
    }

    static func quantizedLatitude(_ latitude: Double) -> UInt32 { quantize(latitude, range: 180, offset: 90) }
    static func quantizedLongitude(_ longitude: Double) -> UInt32 { quantize(longitude, range: 360, offset: 180) }

    static func interleave(latitude: UInt32, longitude: UInt32) -> UInt64 {
        spread(latitude) << 1 | spread(longitude)
    }

    /// The bits of `x` moved to the even positions of a 64-bit word.
    private static func spread(_ x: UInt32) -> UInt64 {
        var v = UInt64(x)
        v = (v | (v << 16)) & 0x0000_FFFF_0000_FFFF
        v = (v | (v << 8)) & 0x00FF_00FF_00FF_00FF
        v = (v | (v << 4)) & 0x0F0F_0F0F_0F0F_0F0F
        v = (v | (v << 2)) & 0x3333_3333_3333_3333
        v = (v | (v << 1)) & 0x5555_5555_5555_5555
        return v
    }
}
