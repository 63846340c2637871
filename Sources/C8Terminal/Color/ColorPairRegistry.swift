import C8Console

/// Which ncurses colour pair draws each (foreground, background) the screen
/// uses, allocated on demand because a terminal has only `COLOR_PAIRS` of
/// them (64 on an 8-colour xterm, far fewer than the combinations a theme
/// could ask for).
///
/// The registry counts how many on-screen cells use each pair, so a pair can
/// be redefined only when nothing visible uses it (redefining a visible pair
/// would recolour those cells). When every pair is in use, the nearest
/// existing pair stands in rather than failing. Pure: the renderer performs
/// the `init_extended_pair` a ``Resolution/define(_:)`` asks for.
struct ColorPairRegistry {
    /// Foreground and background as ncurses colour numbers (-1 = default).
    struct Key: Hashable, Sendable {
        var foreground: Int32
        var background: Int32

        init(foreground: Int32, background: Int32) {
            self.foreground = foreground
            self.background = background
        }

        /// Pair 0's colours, fixed by ncurses.
        static let terminalDefault = Key(foreground: -1, background: -1)
    }

    /// The pair to draw with, and whether it must be (re)defined first.
    enum Resolution: Equatable, Sendable {
        /// Already defined with these colours.
        case existing(Int32)
        /// Newly assigned: call `init_extended_pair(n, fg, bg)` before use.
        case define(Int32)
        /// No pair left: the nearest defined pair (possibly 0) stands in.
        case substitute(Int32)

        var pair: Int32 {
            switch self {
            case .existing(let n), .define(let n), .substitute(let n): n
            }
        }
    }

    /// Pairs 1...capacity may be assigned; pair 0 is always the default.
    let capacity: Int
    private var pairOf: [Key: Int32] = [:]
    private var keyOf: [Key?]
    private var cellsUsing: [Int]
    private var lastUse: [UInt64]
    private var clock: UInt64 = 0
    /// Pairs below this were handed out at least once (fresh ones go first).
    private var nextFresh = 1

    /// - Parameter pairCount: `COLOR_PAIRS`; pair numbers above `Int32.max`
    ///   are never needed, and at least pair 0 exists.
    init(pairCount: Int) {
        capacity = max(0, pairCount - 1)
        keyOf = Array(repeating: nil, count: capacity + 1)
        cellsUsing = Array(repeating: 0, count: capacity + 1)
        lastUse = Array(repeating: 0, count: capacity + 1)
    }

    /// The pair for one more on-screen cell drawn in `key`'s colours.
    mutating func acquire(_ key: Key) -> Resolution {
        clock += 1
        let resolution = resolve(key)
        let pair = Int(resolution.pair)
        if pair != 0 {
            cellsUsing[pair] += 1
            lastUse[pair] = clock
        }
        return resolution
    }

    /// One on-screen cell drawn with `pair` was overwritten.
    mutating func release(_ pair: Int32) {
        let index = Int(pair)
        guard index > 0, index <= capacity, cellsUsing[index] > 0 else { return }
        cellsUsing[index] -= 1
    }

    /// The screen was cleared: no cell uses any pair any more (definitions
    /// stay, so redrawing reuses them without `init_pair` calls).
    mutating func releaseAll() {
        for index in cellsUsing.indices { cellsUsing[index] = 0 }
    }

    /// How many on-screen cells use `pair` (for tests and diagnostics).
    func cellCount(of pair: Int32) -> Int {
        Int(pair) > 0 && Int(pair) <= capacity ? cellsUsing[Int(pair)] : 0
    }

    private mutating func resolve(_ key: Key) -> Resolution {
        if key == .terminalDefault { return .existing(0) }
        if let pair = pairOf[key] { return .existing(pair) }
        if let pair = reusablePair() {
            if let old = keyOf[Int(pair)] { pairOf[old] = nil }
            keyOf[Int(pair)] = key
            pairOf[key] = pair
            return .define(pair)
        }
        return .substitute(nearestPair(to: key))
    }

    /// A never-used pair, else the least recently used pair no cell shows
    /// (a linear scan, but only once all `COLOR_PAIRS` have been handed out).
    private mutating func reusablePair() -> Int32? {
        if nextFresh <= capacity {
            defer { nextFresh += 1 }
            return Int32(nextFresh)
        }
        var best: Int?
        for index in stride(from: 1, through: capacity, by: 1) where cellsUsing[index] == 0 {
            if best.map({ lastUse[index] < lastUse[$0] }) ?? true { best = index }
        }
        return best.map(Int32.init)
    }

    private func nearestPair(to key: Key) -> Int32 {
        var best: (pair: Int32, distance: Int) = (0, Self.distance(key, .terminalDefault))
        for (candidate, pair) in pairOf {
            let d = Self.distance(key, candidate)
            if d < best.distance || (d == best.distance && pair < best.pair) { best = (pair, d) }
        }
        return best.pair
    }

    /// How different two pairs look: summed RGB distance of foregrounds and
    /// backgrounds, with "default" (unknown RGB) as far from any colour.
    static func distance(_ a: Key, _ b: Key) -> Int {
        colorDistance(a.foreground, b.foreground) + colorDistance(a.background, b.background)
    }

    private static let unknownDistance = 3 * 255 * 255

    private static func colorDistance(_ a: Int32, _ b: Int32) -> Int {
        if a == b { return 0 }
        guard (0...255).contains(a), (0...255).contains(b) else { return unknownDistance }
        return XTermPalette.rgb(ofIndex: UInt8(a)).distanceSquared(to: XTermPalette.rgb(ofIndex: UInt8(b)))
    }
}
