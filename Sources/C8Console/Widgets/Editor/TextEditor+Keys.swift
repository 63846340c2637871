/// The editing keys: arrows and emacs/readline bindings, the ones terminal
/// users already have in their fingers from shells and pgcli.
extension TextEditor {
    /// Applies an editing key. Returns false for keys the editor does not
    /// use (ctrl+j to run, F-keys, esc, …) so the app can handle them.
    /// A recognised key returns true even when it changes nothing (left at
    /// the start), so it never falls through to a global binding.
    public mutating func handle(_ key: KeyEvent) -> Bool {
        let mods = key.modifiers
        switch key.key {
        case .character(let c) where mods.isSubset(of: .shift):
            insert(String(c))
        case .character(let c) where mods == .control:
            return handleControl(c)
        case .character(let c) where mods == .alt:
            switch c {
            case "b": moveWordLeft()
            case "f": moveWordRight()
            default: return false
            }
        case .enter where mods.isEmpty: newline()
        case .tab where mods.isEmpty: indent()
        case .backspace where mods.contains(.alt) || mods.contains(.control): deleteWordBackward()
        case .backspace: backspace()
        case .delete: deleteForward()
        case .left where mods.contains(.control) || mods.contains(.alt): moveWordLeft()
        case .right where mods.contains(.control) || mods.contains(.alt): moveWordRight()
        case .left: moveLeft()
        case .right: moveRight()
        case .up: moveUp()
        case .down: moveDown()
        case .home where mods.contains(.control): moveToStart()
        case .end where mods.contains(.control): moveToEnd()
        case .home: moveToLineStart()
        case .end: moveToLineEnd()
        case .pageUp: pageUp()
        case .pageDown: pageDown()
        default: return false
        }
        return true
    }

    private mutating func handleControl(_ c: Character) -> Bool {
        switch c {
        case "a": moveToLineStart()
        case "e": moveToLineEnd()
        case "b": moveLeft()
        case "f": moveRight()
        case "p": moveUp()
        case "n": moveDown()
        case "h": backspace()
        case "d": deleteForward()
        case "k": deleteToLineEnd()
        case "u": deleteToLineStart()
        case "w": deleteWordBackward()
        case "z": undo()
        case "y": redo()
        default: return false
        }
        return true
    }
}
