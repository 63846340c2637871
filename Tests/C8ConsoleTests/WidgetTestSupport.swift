@testable import C8Console
import XCTest

/// Helpers shared by the widget tests: the default theme, drawing a widget
/// into a fresh buffer, and typing text as key events.
enum WidgetTest {
    static let theme = BuiltinTheme.theme

    /// A `width`×`height` buffer with `draw` applied to its whole area.
    static func screen(_ width: Int, _ height: Int, _ draw: (inout ScreenBuffer, Rect) -> Void) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        draw(&buffer, buffer.bounds)
        return buffer
    }

    static func style(_ role: ThemeRole) -> Style { theme.style(for: role) }
}

extension TextEditor {
    /// Feeds each character of `text` as a key (`\n` as enter).
    mutating func type(_ text: String) {
        for c in text { _ = handle(c == "\n" ? KeyEvent(.enter) : .char(c)) }
    }

    /// Feeds keys given in binding notation (`ctrl+a`, `left`, `alt+f`).
    mutating func press(_ notations: String...) {
        for notation in notations {
            guard let key = KeyEvent(notation: notation) else { return XCTFail("bad key \(notation)") }
            _ = handle(key)
        }
    }
}
