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
        // The median of frames timed one by one: what a frame costs, not how
        // often the parallel test workers took the core away meanwhile.
        let times = (0..<21).map { _ in
            let start = DispatchTime.now().uptimeNanoseconds
            _ = Renderer.render(state)
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        }.sorted()
        let perFrame = times[times.count / 2]
        XCTAssertLessThan(perFrame, 20, "a frame took \(perFrame) ms (median of \(times.count))", file: file, line: line)
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
