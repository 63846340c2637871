@testable import C8Console
import Foundation
import XCTest

/// What the screen tests of several panes share: a frame-time check and
/// driving the real loop until the screen shows something.
extension XCTestCase {
    /// Renders `state` twenty times after a warm-up and asserts the mean
    /// frame stays within the debug budget (release builds are several
    /// times faster than debug; the release budget is 2 ms).
    func assertFramesAreQuick(_ state: AppState, file: StaticString = #filePath, line: UInt = #line) {
        _ = Renderer.render(state)
        let start = DispatchTime.now()
        let frames = 20
        for _ in 0..<frames { _ = Renderer.render(state) }
        let perFrame = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6 / Double(frames)
        XCTAssertLessThan(perFrame, 20, "a frame took \(perFrame) ms", file: file, line: line)
    }

    /// Steps `app` until its screen text satisfies `condition`, or the timeout.
    func waitUntil(_ app: ConsoleApp, _ terminal: MemoryTerminal, timeout: Double = 10, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            app.step(timeout: 0.02)
            if condition(terminal.screen?.text ?? "") { return true }
        }
        return false
    }
}
