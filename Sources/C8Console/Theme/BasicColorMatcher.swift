/// Finds the nearest of the 8 basic terminal colours for any colour.
///
/// Plain RGB distance does badly here: terminals draw the basic colours at
/// very different brightness, so it would turn mid blues into cyan and every
/// dark grey into a colour. Instead, greys become black or white by
/// brightness, and other colours keep their hue (red, yellow, green, cyan,
/// blue, magenta), however dark or light they are: a navy selection bar
/// stays blue, a dark red error background stays red.
enum BasicColorMatcher {
    /// Greys up to this brightness become black; lighter ones white. Low on
    /// purpose: basic "white" is a light grey, and dark themes draw muted
    /// text and borders in greys that must stay visible on black.
    static let blackGreyLimit = 0x40

    /// The basic colour (0–7) nearest to `color`.
    static func nearest(to color: RGBColor) -> ANSIColor {
        let components = [Int(color.red), Int(color.green), Int(color.blue)]
        let maximum = components.max() ?? 0, minimum = components.min() ?? 0
        let chroma = maximum - minimum
        if chroma < 32 || chroma * 4 < maximum {
            return color.luma < blackGreyLimit ? .black : .white
        }
        return hueColor(of: components, maximum: maximum, chroma: chroma)
    }

    /// Black or white, whichever stands out more against `background`; used
    /// when foreground and background collapse onto the same basic colour.
    static func contrasting(with background: ANSIColor) -> ANSIColor {
        let black = ANSIColor.black.rgb, white = ANSIColor.white.rgb
        return background.rgb.distanceSquared(to: black) > background.rgb.distanceSquared(to: white)
            ? .black : .white
    }

    /// Where each hue range ends, in degrees. Not six equal sectors: azure
    /// (200–210°, e.g. #0087ff) and violet (270–285°) read as blue, so the
    /// blue range is widened at the expense of cyan and magenta.
    private static let hueRanges: [(end: Double, color: ANSIColor)] = [
        (30, .red), (90, .yellow), (165, .green), (200, .cyan), (285, .blue), (330, .magenta), (360, .red),
    ]

    /// The basic colour whose hue range contains the colour's hue.
    private static func hueColor(of rgb: [Int], maximum: Int, chroma: Int) -> ANSIColor {
        let (r, g, b) = (Double(rgb[0]), Double(rgb[1]), Double(rgb[2]))
        let c = Double(chroma)
        var hue: Double
        if rgb[0] == maximum {
            hue = 60 * ((g - b) / c)
        } else if rgb[1] == maximum {
            hue = 60 * ((b - r) / c + 2)
        } else {
            hue = 60 * ((r - g) / c + 4)
        }
        if hue < 0 { hue += 360 }
        return hueRanges.first { hue < $0.end }?.color ?? .red
    }
}
