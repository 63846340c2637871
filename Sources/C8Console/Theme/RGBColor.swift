/// A 24-bit colour, the common ground for comparing colours of different
/// palettes when a theme is mapped to what a terminal can show.
public struct RGBColor: Hashable, Sendable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Parses `#rrggbb` (case-insensitive); nil for anything else, so the
    /// parser can report the token as a bad colour.
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 7, digits[0] == UInt8(ascii: "#"),
              let value = UInt32(String(decoding: digits[1...], as: UTF8.self), radix: 16)
        else { return nil }
        self.init(red: UInt8(value >> 16), green: UInt8((value >> 8) & 0xff),
                  blue: UInt8(value & 0xff))
    }

    /// `#rrggbb`, lower case.
    public var hex: String {
        "#" + [red, green, blue].map { component in
            let digits = String(component, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// Squared Euclidean distance: cheap, and enough to rank candidates.
    public func distanceSquared(to other: RGBColor) -> Int {
        let dr = Int(red) - Int(other.red)
        let dg = Int(green) - Int(other.green)
        let db = Int(blue) - Int(other.blue)
        return dr * dr + dg * dg + db * db
    }

    /// Perceived brightness 0–255 (ITU-R BT.601 weights), used to split greys
    /// into black and white on 8-colour terminals.
    public var luma: Int {
        (Int(red) * 299 + Int(green) * 587 + Int(blue) * 114) / 1000
    }
}
