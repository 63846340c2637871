@testable import C8Terminal
import C8Console
import CNCurses
import XCTest

final class KeyDecoderTests: XCTestCase {
    private let decoder = KeyDecoder()

    private func key(_ raw: RawInput) -> KeyEvent? {
        guard case .key(let key)? = decoder.decode(raw) else { return nil }
        return key
    }

    private func char(_ code: UInt32) -> KeyEvent? { key(.character(code)) }

    func testControlCharactersFromRawMode() {
        XCTAssertEqual(char(1), .ctrl("a"))
        XCTAssertEqual(char(3), .ctrl("c"), "raw mode: Ctrl-C is a key, not SIGINT")
        XCTAssertEqual(char(18), .ctrl("r"))
        XCTAssertEqual(char(26), .ctrl("z"))
        XCTAssertEqual(char(0), .ctrl(" "))
        XCTAssertEqual(char(28), .ctrl("\\"))
        XCTAssertEqual(char(29), .ctrl("]"))
        XCTAssertEqual(char(31), .ctrl("_"), "what most terminals send for ctrl+/")
        XCTAssertEqual(KeyEvent.ctrl("r").description, "ctrl+r", "matches the binding notation")
    }

    func testControlCharactersWithTheirOwnKeys() {
        XCTAssertEqual(char(9), KeyEvent(.tab))
        XCTAssertEqual(char(13), KeyEvent(.enter), "Enter under nonl()")
        XCTAssertEqual(char(10), KeyEvent(.enter))
        XCTAssertEqual(char(127), KeyEvent(.backspace))
        XCTAssertEqual(char(8), KeyEvent(.backspace))
    }

    func testPrintableCharacters() {
        XCTAssertEqual(char(0x61), .char("a"))
        XCTAssertEqual(char(0x41), .char("A"), "shift is in the character")
        XCTAssertEqual(char(0x20), .char(" "))
        XCTAssertEqual(char(0xE9), .char("é"))
        XCTAssertEqual(char(0x4E16), .char("世"))
        XCTAssertEqual(char(0x1F600), .char("😀"))
    }

    func testUnusableCharactersAreDropped() {
        XCTAssertNil(decoder.decode(.character(0x85)), "C1 control")
        XCTAssertNil(decoder.decode(.character(0xD800)), "lone surrogate")
        XCTAssertNil(decoder.decode(.character(0x110000)), "beyond Unicode")
    }

    func testEscapeAndSpecialCodes() {
        XCTAssertEqual(decoder.decode(.character(27)), .escape)
        XCTAssertEqual(decoder.decode(.keyCode(KEY_RESIZE)), .resize)
        XCTAssertEqual(decoder.decode(.keyCode(KEY_MOUSE)), .mouse)
        XCTAssertNil(decoder.decode(.keyCode(KEY_B2)), "keypad centre means nothing")
    }

    func testFunctionAndCursorKeys() {
        let expected: [(Int32, KeyEvent)] = [
            (KEY_UP, KeyEvent(.up)), (KEY_DOWN, KeyEvent(.down)), (KEY_LEFT, KeyEvent(.left)),
            (KEY_RIGHT, KeyEvent(.right)), (KEY_HOME, KeyEvent(.home)), (KEY_END, KeyEvent(.end)),
            (KEY_PPAGE, KeyEvent(.pageUp)), (KEY_NPAGE, KeyEvent(.pageDown)),
            (KEY_DC, KeyEvent(.delete)), (KEY_IC, KeyEvent(.insert)), (KEY_BTAB, KeyEvent(.backTab)),
            (KEY_ENTER, KeyEvent(.enter)), (KEY_BACKSPACE, KeyEvent(.backspace)),
            (KEY_SR, KeyEvent(.up, .shift)), (KEY_SF, KeyEvent(.down, .shift)),
            (KEY_SLEFT, KeyEvent(.left, .shift)), (KEY_SRIGHT, KeyEvent(.right, .shift)),
            (KEY_SHOME, KeyEvent(.home, .shift)), (KEY_SEND, KeyEvent(.end, .shift)),
            (KEY_SDC, KeyEvent(.delete, .shift)), (KEY_SIC, KeyEvent(.insert, .shift)),
            (KEY_SPREVIOUS, KeyEvent(.pageUp, .shift)), (KEY_SNEXT, KeyEvent(.pageDown, .shift)),
            (KEY_A1, KeyEvent(.home)), (KEY_C3, KeyEvent(.pageDown)),
            (KEY_FIND, KeyEvent(.home)), (KEY_SELECT, KeyEvent(.end)),
        ]
        for (code, event) in expected {
            XCTAssertEqual(key(.keyCode(code)), event, "key code \(code)")
        }
        XCTAssertEqual(KeyEvent(.backTab).description, "shift+tab")
    }

    func testFunctionKeysFollowXtermNumbering() {
        XCTAssertEqual(key(.keyCode(c8_KEY_F(1))), KeyEvent(.function(1)))
        XCTAssertEqual(key(.keyCode(c8_KEY_F(5))), KeyEvent(.function(5)))
        XCTAssertEqual(key(.keyCode(c8_KEY_F(12))), KeyEvent(.function(12)))
        XCTAssertEqual(key(.keyCode(c8_KEY_F(13))), KeyEvent(.function(1), .shift))
        XCTAssertEqual(key(.keyCode(c8_KEY_F(24))), KeyEvent(.function(12), .shift))
        XCTAssertEqual(key(.keyCode(c8_KEY_F(29))), KeyEvent(.function(5), .control))
        XCTAssertEqual(key(.keyCode(c8_KEY_F(37))), KeyEvent(.function(1), [.control, .shift]))
        XCTAssertEqual(key(.keyCode(c8_KEY_F(49))), KeyEvent(.function(1), .alt))
        XCTAssertEqual(key(.keyCode(c8_KEY_F(63))), KeyEvent(.function(3), [.alt, .shift]))
        XCTAssertEqual(KeyEvent(notation: "F5"), key(.keyCode(c8_KEY_F(5))))
    }

    // MARK: - Escape and Alt

    func testEscapeAloneIsEscape() {
        let (key, consumed) = decoder.decode(escapeFollowedBy: nil)
        XCTAssertEqual(key, KeyEvent(.escape))
        XCTAssertFalse(consumed)
    }

    func testEscapeThenAKeyIsAltKey() {
        XCTAssertTrue(decoder.decode(escapeFollowedBy: .character(0x78)) == (KeyEvent(.character("x"), .alt), true))
        XCTAssertTrue(decoder.decode(escapeFollowedBy: .character(13)) == (KeyEvent(.enter, .alt), true))
        XCTAssertTrue(decoder.decode(escapeFollowedBy: .character(127)) == (KeyEvent(.backspace, .alt), true))
        XCTAssertTrue(decoder.decode(escapeFollowedBy: .character(1)) == (KeyEvent(.character("a"), [.control, .alt]), true))
        XCTAssertTrue(decoder.decode(escapeFollowedBy: .keyCode(KEY_UP)) == (KeyEvent(.up, .alt), true))
        XCTAssertEqual(KeyEvent(notation: "alt+x"), KeyEvent(.character("x"), .alt))
    }

    func testEscapeLeavesKeysThatCannotTakeAltAlone() {
        for next: RawInput in [.character(27), .keyCode(KEY_RESIZE), .keyCode(KEY_MOUSE), .character(0x85)] {
            let (key, consumed) = decoder.decode(escapeFollowedBy: next)
            XCTAssertEqual(key, KeyEvent(.escape), "\(next)")
            XCTAssertFalse(consumed, "\(next) is decoded on its own")
        }
    }

    // MARK: - Extended key names

    func testExtendedNamesMeanModifiedCursorKeys() {
        let names = Dictionary(uniqueKeysWithValues: ExtendedKeys.names.map { ($0.name, $0.key) })
        XCTAssertEqual(names.count, 70)
        XCTAssertEqual(names["kUP2"], KeyEvent(.up, .shift))
        XCTAssertEqual(names["kDN3"], KeyEvent(.down, .alt))
        XCTAssertEqual(names["kLFT5"], KeyEvent(.left, .control))
        XCTAssertEqual(names["kRIT6"], KeyEvent(.right, [.control, .shift]))
        XCTAssertEqual(names["kHOM7"], KeyEvent(.home, [.control, .alt]))
        XCTAssertEqual(names["kEND8"], KeyEvent(.end, [.control, .alt, .shift]))
        XCTAssertEqual(names["kPRV5"], KeyEvent(.pageUp, .control))
        XCTAssertEqual(names["kDC5"], KeyEvent(.delete, .control))
        XCTAssertEqual(names["kLFT5"]?.description, "ctrl+left")
    }

    func testExtendedTableUsesTheCodesTheTerminalAssigned() {
        let assigned: [String: Int32] = ["kLFT5": 560, "kRIT5": 575, "kUP3": 600, "kDN3": 600]
        let table = ExtendedKeys.table { assigned[$0] }
        XCTAssertEqual(table.count, 3, "names the terminal lacks are skipped")
        XCTAssertEqual(table[560], KeyEvent(.left, .control))
        XCTAssertEqual(table[575], KeyEvent(.right, .control))
        XCTAssertEqual(table[600], KeyEvent(.up, .alt), "a code shared by two names keeps the first")

        let decoder = KeyDecoder(extendedKeys: table)
        XCTAssertEqual(decoder.decode(.keyCode(560)), .key(KeyEvent(.left, .control)))
        XCTAssertEqual(decoder.decode(.keyCode(KEY_LEFT)), .key(KeyEvent(.left)), "fixed codes still win")
        XCTAssertNil(decoder.decode(.keyCode(999)))
    }

    // MARK: - Mouse

    func testMouseReportsLeftButtonAndWheel() {
        XCTAssertEqual(MouseDecoder.decode(buttonState: c8_BUTTON1_PRESSED(), x: 3, y: 4), MouseEvent(.press, x: 3, y: 4))
        XCTAssertEqual(MouseDecoder.decode(buttonState: c8_BUTTON1_RELEASED(), x: 3, y: 4), MouseEvent(.release, x: 3, y: 4))
        XCTAssertEqual(MouseDecoder.decode(buttonState: c8_BUTTON1_CLICKED(), x: 0, y: 0), MouseEvent(.press, x: 0, y: 0))
        XCTAssertEqual(MouseDecoder.decode(buttonState: c8_BUTTON4_PRESSED(), x: 1, y: 2), MouseEvent(.wheelUp, x: 1, y: 2))
        XCTAssertEqual(MouseDecoder.decode(buttonState: c8_BUTTON5_PRESSED(), x: 1, y: 2), MouseEvent(.wheelDown, x: 1, y: 2))
        XCTAssertNil(MouseDecoder.decode(buttonState: 0, x: 0, y: 0))
        XCTAssertNil(MouseDecoder.decode(buttonState: c8_BUTTON3_PRESSED(), x: 0, y: 0), "right button is the terminal's")
    }

    func testMouseMaskAsksForExactlyWhatIsDecoded() {
        let mask = MouseDecoder.mask
        for bit in [c8_BUTTON1_PRESSED(), c8_BUTTON1_RELEASED(), c8_BUTTON4_PRESSED(), c8_BUTTON5_PRESSED()] {
            XCTAssertNotEqual(mask & bit, 0)
        }
        XCTAssertEqual(mask & c8_REPORT_MOUSE_POSITION(), 0, "no motion events")
        XCTAssertEqual(mask & c8_BUTTON3_PRESSED(), 0)
    }
}
