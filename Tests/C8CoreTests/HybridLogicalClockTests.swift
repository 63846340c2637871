import Dispatch
import Foundation
import Synchronization
import XCTest
@testable import C8Core

final class HybridLogicalClockTests: XCTestCase {
    private let t0: UInt64 = 1_700_000_000_000  // Nov 2023, in ms

    func testTimestampPacking() {
        let ts = HybridTimestamp(milliseconds: t0, logical: 7)
        XCTAssertEqual(ts.rawValue, t0 << 20 | 7)
        XCTAssertEqual(ts.milliseconds, t0)
        XCTAssertEqual(ts.logical, 7)
        XCTAssertEqual(ts.date.timeIntervalSince1970, 1_700_000_000, accuracy: 0.001)
        XCTAssertLessThan(HybridTimestamp(milliseconds: t0, logical: 9), HybridTimestamp(milliseconds: t0 + 1))
        // Out-of-range parts are capped, not wrapped.
        XCTAssertEqual(HybridTimestamp(milliseconds: 1, logical: 1 << 21).logical, HybridTimestamp.maximumLogical)
        XCTAssertEqual(HybridTimestamp(milliseconds: 1, logical: 1 << 21).milliseconds, 1)
    }

    func testFollowsAdvancingWallClock() {
        let wall = ManualClock(milliseconds: t0)
        let clock = HybridLogicalClock(physicalClock: wall)
        XCTAssertEqual(clock.now(), HybridTimestamp(milliseconds: t0, logical: 0))
        wall.advance(by: 5)
        XCTAssertEqual(clock.now(), HybridTimestamp(milliseconds: t0 + 5, logical: 0))
        XCTAssertEqual(clock.current, HybridTimestamp(milliseconds: t0 + 5, logical: 0))
    }

    func testStalledWallClockBumpsCounter() {
        let clock = HybridLogicalClock(physicalClock: ManualClock(milliseconds: t0))
        let stamps = (0..<1_000).map { _ in clock.now() }
        for (i, ts) in stamps.enumerated() {
            XCTAssertEqual(ts.milliseconds, t0)
            XCTAssertEqual(ts.logical, UInt64(i))
        }
    }

    func testBackwardsWallClockStaysMonotonic() {
        let wall = ManualClock(milliseconds: t0)
        let clock = HybridLogicalClock(physicalClock: wall)
        let before = clock.now()
        wall.set(milliseconds: t0 - 60_000)  // NTP steps back a minute
        var previous = before
        for _ in 0..<100 {
            let ts = clock.now()
            XCTAssertGreaterThan(ts, previous)
            XCTAssertEqual(ts.milliseconds, t0)  // holds the old physical time
            previous = ts
        }
        wall.set(milliseconds: t0 + 1)  // real time catches up: counter resets
        XCTAssertEqual(clock.now(), HybridTimestamp(milliseconds: t0 + 1, logical: 0))
    }

    func testCounterOverflowCarriesIntoNextMillisecond() {
        let start = HybridTimestamp(milliseconds: t0, logical: HybridTimestamp.maximumLogical - 1)
        let clock = HybridLogicalClock(physicalClock: ManualClock(milliseconds: t0), initial: start)
        XCTAssertEqual(clock.now(), HybridTimestamp(milliseconds: t0, logical: HybridTimestamp.maximumLogical))
        let carried = clock.now()
        XCTAssertEqual(carried.milliseconds, t0 + 1)
        XCTAssertEqual(carried.logical, 0)
        XCTAssertEqual(clock.now(), HybridTimestamp(milliseconds: t0 + 1, logical: 1))
    }

    func testUpdateWithRemoteAheadJumpsPastIt() {
        let clock = HybridLogicalClock(physicalClock: ManualClock(milliseconds: t0))
        let local = clock.now()
        let remote = HybridTimestamp(milliseconds: t0 + 500, logical: 3)
        let merged = clock.update(received: remote)
        XCTAssertGreaterThan(merged, remote)
        XCTAssertGreaterThan(merged, local)
        XCTAssertEqual(merged, HybridTimestamp(milliseconds: t0 + 500, logical: 4))
        // Everything after the receive is later than the received event.
        XCTAssertGreaterThan(clock.now(), merged)
        XCTAssertEqual(clock.now().milliseconds, t0 + 500)
    }

    func testUpdateWithRemoteBehindStillAdvances() {
        let clock = HybridLogicalClock(physicalClock: ManualClock(milliseconds: t0))
        let local = clock.now()
        let merged = clock.update(received: HybridTimestamp(milliseconds: t0 - 1_000))
        XCTAssertGreaterThan(merged, local)
        XCTAssertEqual(merged, HybridTimestamp(milliseconds: t0, logical: 1))
    }

    /// Two regions exchanging messages: a reply is always stamped after the
    /// message it answers, even when the replier's wall clock is far behind.
    func testCausalityAcrossSkewedRegions() {
        let east = HybridLogicalClock(physicalClock: ManualClock(milliseconds: t0 + 10_000))
        let westWall = ManualClock(milliseconds: t0)
        let west = HybridLogicalClock(physicalClock: westWall)
        var message = east.now()
        for _ in 0..<50 {
            let reply = west.update(received: message)
            XCTAssertGreaterThan(reply, message)
            message = east.update(received: reply)
            XCTAssertGreaterThan(message, reply)
            westWall.advance(by: 1)
        }
    }

    func testRestartFromPersistedTimestamp() {
        let persisted = HybridTimestamp(milliseconds: t0 + 100, logical: 9)
        let clock = HybridLogicalClock(physicalClock: ManualClock(milliseconds: t0), initial: persisted)
        XCTAssertEqual(clock.now(), HybridTimestamp(milliseconds: t0 + 100, logical: 10))
    }

    func testSaturatesInsteadOfTrapping() {
        let clock = HybridLogicalClock(physicalClock: ManualClock(milliseconds: t0))
        XCTAssertEqual(clock.update(received: HybridTimestamp(rawValue: UInt64.max)).rawValue, UInt64.max)
        XCTAssertEqual(clock.now().rawValue, UInt64.max)
    }

    func testClosureClockAndSystemClock() {
        let clock = HybridLogicalClock(milliseconds: { 42 })
        XCTAssertEqual(clock.now(), HybridTimestamp(milliseconds: 42))
        let system = HybridLogicalClock().now()
        let wall = UInt64(Date().timeIntervalSince1970 * 1000)
        XCTAssertLessThanOrEqual(system.milliseconds, wall)
        XCTAssertGreaterThan(system.milliseconds + 5_000, wall)
    }

    func testManualClockNeverGoesBelowZero() {
        let wall = ManualClock(milliseconds: 5)
        wall.advance(by: -10)
        XCTAssertEqual(wall.milliseconds(), 0)
    }

    func testConcurrentNowIsUniqueUnderStalledClock() {
        let clock = HybridLogicalClock(physicalClock: ManualClock(milliseconds: t0))
        let threads = 8, perThread = 5_000
        let collected = Mutex<[UInt64]>([])
        let nonMonotonic = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            var local: [UInt64] = []
            local.reserveCapacity(perThread)
            var previous: UInt64 = 0
            for _ in 0..<perThread {
                let ts = clock.now().rawValue
                if ts <= previous { nonMonotonic.add(1, ordering: .relaxed) }
                previous = ts
                local.append(ts)
            }
            collected.withLock { $0.append(contentsOf: local) }
        }
        let all = collected.withLock { $0 }
        XCTAssertEqual(nonMonotonic.load(ordering: .relaxed), 0, "a thread saw time go back")
        XCTAssertEqual(Set(all).count, threads * perThread)
        XCTAssertEqual(clock.current.rawValue, all.max())
    }
}
