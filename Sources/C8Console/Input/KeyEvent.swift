/// A key the user pressed, as the terminal backend decodes it.
public struct KeyEvent: Hashable, Sendable, CustomStringConvertible {
    public enum Key: Hashable, Sendable {
        case character(Character)
        case enter, escape, backspace, delete, tab, backTab, insert
        case up, down, left, right, home, end, pageUp, pageDown
        case function(Int)
    }

    public struct Modifiers: OptionSet, Hashable, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let control = Modifiers(rawValue: 1)
        public static let alt = Modifiers(rawValue: 2)
        public static let shift = Modifiers(rawValue: 4)
    }

    public var key: Key
    public var modifiers: Modifiers

    public init(_ key: Key, _ modifiers: Modifiers = []) {
        self.key = key
        self.modifiers = modifiers
    }

    public static func char(_ c: Character) -> KeyEvent { KeyEvent(.character(c)) }
    public static func ctrl(_ c: Character) -> KeyEvent { KeyEvent(.character(c), .control) }

    /// The binding notation used in help and config: `ctrl+r`, `F5`, `shift+tab`, `?`.
    public var description: String {
        var parts: [String] = []
        if modifiers.contains(.control) { parts.append("ctrl") }
        if modifiers.contains(.alt) { parts.append("alt") }
        if modifiers.contains(.shift) { parts.append("shift") }
        let name: String = switch key {
        case .character(" "): "space"
        case .character(let c): String(c)
        case .enter: "enter"
        case .escape: "esc"
        case .backspace: "backspace"
        case .delete: "delete"
        case .tab: "tab"
        case .backTab: "shift+tab"
        case .insert: "insert"
        case .up: "up"
        case .down: "down"
        case .left: "left"
        case .right: "right"
        case .home: "home"
        case .end: "end"
        case .pageUp: "pgup"
        case .pageDown: "pgdn"
        case .function(let n): "F\(n)"
        }
        parts.append(name)
        return parts.joined(separator: "+")
    }

    /// Parses the binding notation (`ctrl+r`, `F5`, `shift+tab`, `g`, `space`).
    public init?(notation: String) {
        var modifiers: Modifiers = []
        var parts = notation.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        // The plus key itself: "+" alone, or after modifiers ("ctrl++").
        if notation == "+" { parts = ["+"] } else if notation.hasSuffix("++") { parts = Array(parts.dropLast(2)) + ["+"] }
        guard let last = parts.popLast(), !last.isEmpty else { return nil }
        for part in parts {
            switch part.lowercased() {
            case "ctrl", "c": modifiers.insert(.control)
            case "alt", "m": modifiers.insert(.alt)
            case "shift", "s": modifiers.insert(.shift)
            default: return nil
            }
        }
        let key: Key
        switch last.lowercased() {
        case "enter", "return": key = .enter
        case "esc", "escape": key = .escape
        case "backspace": key = .backspace
        case "delete", "del": key = .delete
        case "tab": key = modifiers.contains(.shift) ? .backTab : .tab
        case "insert": key = .insert
        case "up": key = .up
        case "down": key = .down
        case "left": key = .left
        case "right": key = .right
        case "home": key = .home
        case "end": key = .end
        case "pgup", "pageup": key = .pageUp
        case "pgdn", "pagedown": key = .pageDown
        case "space": key = .character(" ")
        default:
            if last.count > 1, last.first == "F" || last.first == "f", let n = Int(last.dropFirst()), (1...24).contains(n) {
                key = .function(n)
            } else if last.count == 1 {
                key = .character(modifiers.contains(.control) ? Character(last.lowercased()) : Character(last))
            } else {
                return nil
            }
        }
        if key == .backTab { modifiers.remove(.shift) }
        self.init(key, modifiers)
    }
}

/// A mouse action at a cell.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case press, release, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// Anything the terminal reports.
public enum InputEvent: Hashable, Sendable {
    case key(KeyEvent)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
}
