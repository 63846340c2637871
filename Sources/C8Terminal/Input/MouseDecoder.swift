import C8Console
import CNCurses

/// Turns a `getmouse` report into a ``MouseEvent``. Only the left button
/// and the wheel are reported: the console selects and scrolls with the
/// mouse, and other buttons belong to the terminal (paste, menus).
enum MouseDecoder {
    /// The events `mousemask` asks for. Wheel "buttons" 4 and 5 only ever
    /// press.
    static var mask: mmask_t {
        c8_BUTTON1_PRESSED() | c8_BUTTON1_RELEASED() | clicks | c8_BUTTON4_PRESSED() | c8_BUTTON5_PRESSED()
    }

    /// Clicks ncurses merged from a press and a release (only when the click
    /// interval is not 0, or the terminal reports clicks itself).
    private static var clicks: mmask_t {
        c8_BUTTON1_CLICKED() | c8_BUTTON1_DOUBLE_CLICKED() | c8_BUTTON1_TRIPLE_CLICKED()
    }

    static func decode(buttonState state: mmask_t, x: Int, y: Int) -> MouseEvent? {
        let kind: MouseEvent.Kind
        if state & c8_BUTTON4_PRESSED() != 0 {
            kind = .wheelUp
        } else if state & c8_BUTTON5_PRESSED() != 0 {
            kind = .wheelDown
        } else if state & (c8_BUTTON1_PRESSED() | clicks) != 0 {
            // A click (press and release merged by ncurses) selects like a press.
            kind = .press
        } else if state & c8_BUTTON1_RELEASED() != 0 {
            kind = .release
        } else {
            return nil
        }
        return MouseEvent(kind, x: x, y: y)
    }
}
