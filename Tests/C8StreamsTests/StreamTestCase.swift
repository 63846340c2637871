import C8Core
import C8Engine
import C8Storage
import C8Streams
import Dispatch
import Foundation
import Synchronization
import XCTest

/// Collects what a consumer or reader receives and lets a test wait for it.
final class Collector: Sendable {
    private let received = Mutex<[StreamMessage]>([])
    private let arrived = DispatchSemaphore(value: 0)
    /// Set while `deliver` runs, to catch concurrent calls.
    private let inside = Atomic<Bool>(false)
    private let overlapped = Atomic<Bool>(false)

    var messages: [StreamMessage] { received.withLock { $0 } }
    var texts: [String] { messages.map(\.text) }
    var count: Int { received.withLock { $0.count } }
    var deliveredConcurrently: Bool { overlapped.load(ordering: .relaxed) }

    var deliver: @Sendable (StreamMessage) -> Void {
        { [self] message in
            if inside.exchange(true, ordering: .acquiringAndReleasing) { overlapped.store(true, ordering: .relaxed) }
            received.withLock { $0.append(message) }
            inside.store(false, ordering: .releasing)
            arrived.signal()
        }
    }

    /// Waits until at least `count` messages arrived (false on timeout).
    @discardableResult
    func wait(for count: Int, timeout: Double = 3) -> Bool {
        let deadline = DispatchTime.now() + timeout
        while self.count < count {
            if arrived.wait(timeout: deadline) == .timedOut { return self.count >= count }
        }
        return true
    }

    /// True when nothing more than `count` arrived within `milliseconds`.
    func staysAt(_ count: Int, milliseconds: Int = 100) -> Bool {
        Thread.sleep(forTimeInterval: Double(milliseconds) / 1000)
        return self.count == count
    }
}

/// Stream tests run on an in-memory engine with short delays; helpers make
/// names, publish texts and reopen the service over the same storage.
class StreamTestCase: XCTestCase {
    var engine: Engine!
    var service: StreamService!
    var directories: [URL] = []
    let clock = ManualClock(milliseconds: 1_700_000_000_000)
    /// Storage kept across a "restart" of in-memory engines.
    var memory: MemoryEngine?

    var options: StreamServiceOptions {
        var options = StreamServiceOptions()
        options.negativeAckRedeliveryDelay = .milliseconds(30)
        options.tickInterval = .milliseconds(10)
        options.maintenanceInterval = .seconds(3600)  // tests call runMaintenance()
        options.clock = clock
        return options
    }

    override func setUpWithError() throws {
        try super.setUpWithError()
        let storage = MemoryEngine()
        memory = storage
        engine = try Engine(storage: storage)
        service = try StreamService(engine: engine, options: options)
    }

    override func tearDown() {
        service?.close()
        service = nil
        engine = nil
        for dir in directories { try? FileManager.default.removeItem(at: dir) }
        directories = []
        super.tearDown()
    }

    func temporaryDirectory() -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("c8-streams-\(UUID().uuidString)")
        directories.append(dir)
        return dir
    }

    /// Closes the service and opens a new one over the same storage (the
    /// in-memory engine keeps its data across the "restart").
    func restart() throws {
        service.close()
        engine = try Engine(storage: memory!)
        service = try StreamService(engine: engine, options: options)
    }

    func global(_ name: String, fabric: String = "_system") -> StreamName {
        StreamName(tenant: engine.defaultTenantName, fabric: fabric, kind: .global, name: name)
    }

    func local(_ name: String, fabric: String = "_system") -> StreamName {
        StreamName(tenant: engine.defaultTenantName, fabric: fabric, kind: .local, name: name)
    }

    @discardableResult
    func publish(_ texts: [String], to name: StreamName, key: String? = nil) throws -> [MessageID] {
        try texts.map { try service.publish(OutgoingMessage(text: $0, key: key), to: name) }
    }

    func texts(_ range: ClosedRange<Int>) -> [String] { range.map { "m\($0)" } }

    /// Asserts that `body` throws a C8Error with `status` (and `errorNum` when given).
    func assertError<T>(status: Int, errorNum: Int? = nil, file: StaticString = #filePath, line: UInt = #line,
                        _ body: () throws -> T) {
        do {
            _ = try body()
            XCTFail("expected an error with status \(status)", file: file, line: line)
        } catch let error as C8Error {
            XCTAssertEqual(error.code, status, "\(error)", file: file, line: line)
            if let errorNum { XCTAssertEqual(error.errorNum, errorNum, "\(error)", file: file, line: line) }
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
    }
}
