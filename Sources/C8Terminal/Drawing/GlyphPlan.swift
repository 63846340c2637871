import C8Console

/// What to write for one cell so ncurses' idea of the columns matches the
/// buffer's.
///
/// The buffer measures with ``CharacterWidth``; ncurses measures with the C
/// library's `wcwidth`. Where they disagree (an emoji with a presentation
/// selector, an unassigned code point, a lone combining mark, a control
/// character) writing the character as-is would shift the rest of the row,
/// so the plan substitutes a space or pads the second column.
struct GlyphPlan: Equatable, Sendable {
    /// A spacing scalar followed by up to four combining marks (ncurses'
    /// `CCHARW_MAX` is 5).
    var scalars: [Unicode.Scalar]
    /// The buffer reserves two columns but ncurses will advance one: write a
    /// blank in the second column too.
    var padsSecondColumn: Bool

    static let blank = GlyphPlan(scalars: [" "], padsSecondColumn: false)

    /// Most scalars one ncurses cell holds.
    static let maximumScalars = 5

    /// - Parameters:
    ///   - cell: the cell to draw (never a continuation).
    ///   - columns: 2 when the buffer marks the next cell as its
    ///     continuation, else 1.
    ///   - roomLeft: columns from this cell to the right edge of the screen.
    ///   - width: ncurses' measure of a scalar (`wcwidth`; -1 = unprintable).
    init(cell: Cell, columns: Int, roomLeft: Int, width: (Unicode.Scalar) -> Int) {
        let all = Array(cell.character.unicodeScalars)
        guard let first = all.first else {
            self = .blank
            return
        }
        let firstWidth = width(first)
        // Unprintable, a mark with nothing to combine with, or too wide for its slot.
        guard firstWidth >= 1, firstWidth <= min(columns, roomLeft) else {
            self = GlyphPlan(scalars: [" "], padsSecondColumn: columns == 2 && roomLeft >= 2)
            return
        }
        // Marks that combine with the first scalar; anything after the first
        // other spacing scalar (ZWJ sequences, flags) is dropped.
        let marks = all.dropFirst().prefix { width($0) == 0 && Self.isCombiningMark($0) }
        scalars = [first] + marks.prefix(Self.maximumScalars - 1)
        padsSecondColumn = columns == 2 && firstWidth == 1 && roomLeft >= 2
    }

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: true
        default: false
        }
    }

    init(scalars: [Unicode.Scalar], padsSecondColumn: Bool) {
        self.scalars = scalars
        self.padsSecondColumn = padsSecondColumn
    }
}
