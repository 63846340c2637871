/// A cursor movement in a list-like widget.
public enum SelectionMove: Hashable, Sendable {
    case up, down, pageUp, pageDown, halfPageUp, halfPageDown, first, last

    /// The move `key` asks for, with the keys every list widget shares so
    /// they feel the same: arrows and `j`/`k`, `pgup`/`pgdn`, `home`/`end`
    /// and `g`/`G`, `ctrl+u`/`ctrl+d` for half pages (k9s, lazygit, less).
    /// Nil for any other key.
    public init?(_ key: KeyEvent) {
        switch (key.key, key.modifiers) {
        case (.up, []), (.character("k"), []), (.character("p"), .control): self = .up
        case (.down, []), (.character("j"), []), (.character("n"), .control): self = .down
        case (.pageUp, []), (.character("b"), .control): self = .pageUp
        case (.pageDown, []), (.character("f"), .control): self = .pageDown
        case (.character("u"), .control): self = .halfPageUp
        case (.character("d"), .control): self = .halfPageDown
        case (.home, []), (.character("g"), []): self = .first
        case (.end, []), (.character("G"), []), (.character("G"), .shift): self = .last
        default: return nil
        }
    }
}
