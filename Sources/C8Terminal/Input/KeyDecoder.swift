import C8Console
import CNCurses

/// One read from `get_wch`: what it stored, and whether ncurses flagged it
/// as a key code (`KEY_CODE_YES`) rather than a character (`OK`).
enum RawInput: Hashable, Sendable {
    case character(UInt32)
    case keyCode(Int32)
}

/// What a raw input means, before asking ncurses anything more.
enum DecodedInput: Hashable, Sendable {
    case key(KeyEvent)
    /// A lone ESC: plain Escape, or Alt+key if another key follows at once
    /// (see ``KeyDecoder/decode(escapeFollowedBy:)``).
    case escape
    /// `KEY_RESIZE`: ncurses has already resized; ask it for the new size.
    case resize
    /// `KEY_MOUSE`: `getmouse` has the details.
    case mouse
}

/// Turns `get_wch` results into ``KeyEvent``s. Pure — the tables come from
/// ncurses' constants and, for modified keys, from terminfo at start-up —
/// so every mapping is unit-tested without a terminal.
struct KeyDecoder: Sendable {
    /// Key codes ncurses assigns at run time to terminfo's extended key
    /// names (`kLFT5` = ctrl+left, ...); see ``ExtendedKeys``.
    var extendedKeys: [Int32: KeyEvent]

    init(extendedKeys: [Int32: KeyEvent] = [:]) {
        self.extendedKeys = extendedKeys
    }

    func decode(_ raw: RawInput) -> DecodedInput? {
        switch raw {
        case .character(27):
            return .escape
        case .character(let code):
            return Self.character(code).map(DecodedInput.key)
        case .keyCode(KEY_RESIZE):
            return .resize
        case .keyCode(KEY_MOUSE):
            return .mouse
        case .keyCode(let code):
            return (Self.keyCodes[code] ?? extendedKeys[code]).map(DecodedInput.key)
        }
    }

    /// ESC followed immediately by `next` (nil: nothing was waiting) is
    /// Alt+next; anything else leaves `next` to be decoded on its own.
    func decode(escapeFollowedBy next: RawInput?) -> (key: KeyEvent, consumedNext: Bool) {
        guard let next, next != .character(27), case .key(var key)? = decode(next) else {
            return (KeyEvent(.escape), false)
        }
        key.modifiers.insert(.alt)
        return (key, true)
    }

    /// A character `get_wch` returned with `OK`. Raw mode delivers control
    /// characters as themselves, so Ctrl+letter arrives as 1–26.
    static func character(_ code: UInt32) -> KeyEvent? {
        switch code {
        case 0: return .ctrl(" ")
        case 8, 127: return KeyEvent(.backspace)
        case 9: return KeyEvent(.tab)
        case 10, 13: return KeyEvent(.enter)
        case 1...26: return .ctrl(Character(Unicode.Scalar(code + 96)!))
        case 28...31: return .ctrl(Character(Unicode.Scalar(code + 64)!))  // \ ] ^ _
        case 0x80..<0xA0: return nil  // C1 controls
        default: return Unicode.Scalar(code).map { .char(Character($0)) }
        }
    }

    /// ncurses' fixed key codes.
    static let keyCodes: [Int32: KeyEvent] = {
        var table: [Int32: KeyEvent] = [
            KEY_UP: KeyEvent(.up), KEY_DOWN: KeyEvent(.down),
            KEY_LEFT: KeyEvent(.left), KEY_RIGHT: KeyEvent(.right),
            KEY_HOME: KeyEvent(.home), KEY_END: KeyEvent(.end),
            KEY_PPAGE: KeyEvent(.pageUp), KEY_NPAGE: KeyEvent(.pageDown),
            KEY_DC: KeyEvent(.delete), KEY_IC: KeyEvent(.insert),
            KEY_BTAB: KeyEvent(.backTab), KEY_ENTER: KeyEvent(.enter),
            KEY_BACKSPACE: KeyEvent(.backspace),
            // Shifted keys with their own terminfo names (kri/kind are what
            // xterm sends for shift+up/down).
            KEY_SR: KeyEvent(.up, .shift), KEY_SF: KeyEvent(.down, .shift),
            KEY_SLEFT: KeyEvent(.left, .shift), KEY_SRIGHT: KeyEvent(.right, .shift),
            KEY_SHOME: KeyEvent(.home, .shift), KEY_SEND: KeyEvent(.end, .shift),
            KEY_SPREVIOUS: KeyEvent(.pageUp, .shift), KEY_SNEXT: KeyEvent(.pageDown, .shift),
            KEY_SDC: KeyEvent(.delete, .shift), KEY_SIC: KeyEvent(.insert, .shift),
            // Keypad corners, and vt220's Find/Select, which some terminals
            // send for Home/End.
            KEY_A1: KeyEvent(.home), KEY_A3: KeyEvent(.pageUp),
            KEY_C1: KeyEvent(.end), KEY_C3: KeyEvent(.pageDown),
            KEY_FIND: KeyEvent(.home), KEY_SELECT: KeyEvent(.end),
        ]
        for n in 1...63 { table[KEY_F0 + Int32(n)] = functionKey(n) }
        return table
    }()

    /// terminfo's F13–F63 are modified F1–F12 in xterm's numbering, which
    /// tmux, screen and most emulators follow: each block of twelve adds
    /// shift, ctrl, ctrl+shift, alt, alt+shift.
    static func functionKey(_ n: Int) -> KeyEvent {
        let blocks: [KeyEvent.Modifiers] = [[], .shift, .control, [.control, .shift], .alt, [.alt, .shift]]
        let block = (n - 1) / 12
        return KeyEvent(.function((n - 1) % 12 + 1), block < blocks.count ? blocks[block] : [])
    }
}
