@testable import C8Terminal
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The restorer's bookkeeping, without a screen: `endwin` with no screen
/// set up is a harmless ERR.
final class TerminalRestorerTests: XCTestCase {
    private func handler(of signal: Int32) -> Int {
        var action = sigaction()
        sigaction(signal, nil, &action)
        return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
    }

    func testOneSessionAtATimeAndRestoreRunsOnce() {
        let before = handler(of: SIGTERM)
        XCTAssertTrue(TerminalRestorer.activate())
        defer { TerminalRestorer.deactivate() }
        XCTAssertNotEqual(handler(of: SIGTERM), before, "SIGTERM now restores the terminal")
        XCTAssertFalse(TerminalRestorer.activate(), "a second session is refused")
        XCTAssertTrue(TerminalRestorer.restore())
        XCTAssertFalse(TerminalRestorer.restore(), "endwin exactly once")
    }

    func testDeactivateHandsSignalsBackAndAllowsANewSession() {
        let before = TerminalRestorer.exitSignals.map(handler(of:))
        let crashBefore = TerminalRestorer.crashSignals.map(handler(of:))
        XCTAssertTrue(TerminalRestorer.activate())
        TerminalRestorer.deactivate()
        XCTAssertEqual(TerminalRestorer.exitSignals.map(handler(of:)), before)
        XCTAssertEqual(TerminalRestorer.crashSignals.map(handler(of:)), crashBefore, "Swift's backtracer is back")
        XCTAssertFalse(TerminalRestorer.restore(), "nothing to restore after a normal shutdown")
        XCTAssertTrue(TerminalRestorer.activate())
        TerminalRestorer.deactivate()
    }

    func testWhileSuspendedTheEditorOwnsInterruptAndTheFinalRestoreIsANoOp() {
        XCTAssertTrue(TerminalRestorer.activate())
        defer { TerminalRestorer.deactivate() }
        TerminalRestorer.suspend()
        // Ctrl-C typed in the editor reaches the whole process group; the
        // console must survive it (were it not ignored, this test process
        // would die here).
        raise(SIGINT)
        TerminalRestorer.resume()
        XCTAssertTrue(TerminalRestorer.restore(), "resumed: curses is on again")
        TerminalRestorer.deactivate()

        XCTAssertTrue(TerminalRestorer.activate())
        TerminalRestorer.suspend()
        XCTAssertFalse(TerminalRestorer.restore(), "suspended: endwin already ran")
    }

    func testAnIgnoredHangUpStaysIgnored() {
        let previous = signal(SIGHUP, SIG_IGN)
        defer { signal(SIGHUP, previous) }
        XCTAssertTrue(TerminalRestorer.activate())
        defer { TerminalRestorer.deactivate() }
        XCTAssertEqual(handler(of: SIGHUP), 1, "nohup's SIG_IGN is respected")
    }
}
