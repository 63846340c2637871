/// The xterm 256-colour palette: 16 terminal colours, a 6×6×6 colour cube
/// (16–231) and a 24-step grey ramp (232–255).
///
/// Terminals agree on the cube and the ramp, which is why `#rrggbb` in a theme
/// is mapped onto them and never onto 0–15, whose colours users redefine.
public enum XTermPalette {
    /// The six intensities of each cube axis.
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// xterm's default RGB for the 16 terminal colours.
    static let systemColors: [RGBColor] = [
        0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
        0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
    ].map { RGBColor(red: UInt8($0 >> 16), green: UInt8(($0 >> 8) & 0xff), blue: UInt8($0 & 0xff)) }

    /// The RGB value of a palette entry.
    public static func rgb(ofIndex index: UInt8) -> RGBColor {
        switch index {
        case 0..<16:
            return systemColors[Int(index)]
        case 16..<232:
            let cube = Int(index) - 16
            return RGBColor(red: UInt8(cubeLevels[cube / 36]),
                            green: UInt8(cubeLevels[(cube / 6) % 6]),
                            blue: UInt8(cubeLevels[cube % 6]))
        default:
            let level = UInt8(8 + 10 * (Int(index) - 232))
            return RGBColor(red: level, green: level, blue: level)
        }
    }

    /// The entry in 16–255 closest to `color`: the nearest cube colour or the
    /// nearest grey, whichever is closer (ties go to the cube, so pure black
    /// and white land on 16 and 231).
    public static func nearestIndex(to color: RGBColor) -> UInt8 {
        let cubeIndex = 16 + 36 * nearestCubeStep(color.red)
            + 6 * nearestCubeStep(color.green) + nearestCubeStep(color.blue)
        let average = (Int(color.red) + Int(color.green) + Int(color.blue)) / 3
        let greyIndex = 232 + min(23, max(0, (average - 3) / 10))
        let cube = UInt8(cubeIndex), grey = UInt8(greyIndex)
        return color.distanceSquared(to: rgb(ofIndex: grey))
            < color.distanceSquared(to: rgb(ofIndex: cube)) ? grey : cube
    }

    private static func nearestCubeStep(_ component: UInt8) -> Int {
        let value = Int(component)
        return cubeLevels.indices.min { abs(cubeLevels[$0] - value) < abs(cubeLevels[$1] - value) } ?? 0
    }
}
