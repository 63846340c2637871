import Dispatch
import Foundation
import Synchronization
import XCTest
@testable import C8Core

final class KeyGeneratorTests: XCTestCase {
    private func keys(_ generator: any KeyGenerator, _ count: Int) throws -> [String] {
        try (0..<count).map { _ in try generator.generate().rawValue }
    }

    /// Generates from many threads at once and checks no key repeats.
    private func assertConcurrentUniqueness(_ generator: any KeyGenerator, file: StaticString = #filePath,
                                            line: UInt = #line) {
        let threads = 8, perThread = 2_000
        let collected = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            var local: [String] = []
            for _ in 0..<perThread {
                if let key = try? generator.generate() { local.append(key.rawValue) }
            }
            collected.withLock { $0.append(contentsOf: local) }
        }
        let all = collected.withLock { $0 }
        XCTAssertEqual(all.count, threads * perThread, file: file, line: line)
        XCTAssertEqual(Set(all).count, all.count, "duplicate keys", file: file, line: line)
    }

    // MARK: Traditional

    func testTraditionalIncreasingDecimalKeys() throws {
        let generator = TraditionalKeyGenerator()
        XCTAssertEqual(try keys(generator, 3), ["1", "2", "3"])
        XCTAssertEqual(generator.lastValue, 3)
        XCTAssertEqual(generator.options.lastValue, 3)
        XCTAssertEqual(generator.type, .traditional)
    }

    func testTraditionalRestoresAboveLastValue() throws {
        let first = TraditionalKeyGenerator()
        _ = try keys(first, 5)
        let restored = KeyOptions.default.with(lastValue: first.lastValue).makeGenerator()
        XCTAssertEqual(try restored.generate().rawValue, "6")
    }

    func testTraditionalTracksNumericUserKeys() throws {
        let generator = TraditionalKeyGenerator()
        XCTAssertEqual(try generator.accept(userKey: "100").rawValue, "100")
        XCTAssertEqual(try generator.generate().rawValue, "101")
        _ = try generator.accept(userKey: "alice")  // not numeric: no effect
        _ = try generator.accept(userKey: "50")     // lower: no effect
        XCTAssertEqual(try generator.generate().rawValue, "102")
    }

    func testTraditionalUsesTickSourceAsFloor() throws {
        let tick = Atomic<UInt64>(1_000)
        let generator = TraditionalKeyGenerator(tickSource: { tick.load(ordering: .relaxed) })
        XCTAssertEqual(try generator.generate().rawValue, "1000")
        XCTAssertEqual(try generator.generate().rawValue, "1001")  // tick stalled: still increasing
        tick.store(5_000, ordering: .relaxed)
        XCTAssertEqual(try generator.generate().rawValue, "5000")
    }

    func testTraditionalOutOfKeys() throws {
        let generator = KeyOptions.default.with(lastValue: UInt64.max - 1).makeGenerator()
        XCTAssertEqual(try generator.generate().rawValue, String(UInt64.max))
        XCTAssertThrowsError(try generator.generate()) { error in
            XCTAssertEqual((error as? C8Error)?.errorNum, 1225)
        }
    }

    func testTraditionalConcurrentUniqueness() {
        assertConcurrentUniqueness(TraditionalKeyGenerator())
    }

    // MARK: Autoincrement

    func testAutoincrementSequence() throws {
        let generator = try KeyOptions(type: .autoincrement, increment: 10, offset: 5).makeGenerator()
        XCTAssertEqual(try keys(generator, 3), ["5", "15", "25"])
        XCTAssertEqual(generator.lastValue, 25)
    }

    func testAutoincrementDefaultsStartAtOne() throws {
        let generator = try KeyOptions(type: .autoincrement).makeGenerator()
        XCTAssertEqual(try keys(generator, 3), ["1", "2", "3"])
        let byFive = try KeyOptions(type: .autoincrement, increment: 5).makeGenerator()
        XCTAssertEqual(try keys(byFive, 2), ["5", "10"])
    }

    func testAutoincrementMovesPastLargerUserKeyOnTheSequence() throws {
        let generator = try KeyOptions(type: .autoincrement, increment: 10, offset: 5).makeGenerator()
        XCTAssertEqual(try generator.generate().rawValue, "5")
        XCTAssertEqual(try generator.accept(userKey: "42").rawValue, "42")
        XCTAssertEqual(generator.lastValue, 42)
        XCTAssertEqual(try generator.generate().rawValue, "45")  // next member of 5, 15, 25, …
        _ = try generator.accept(userKey: "7")  // smaller: ignored
        XCTAssertEqual(try generator.generate().rawValue, "55")
    }

    func testAutoincrementRequiresNumericUserKeys() throws {
        let generator = try KeyOptions(type: .autoincrement).makeGenerator()
        XCTAssertThrowsError(try generator.accept(userKey: "abc")) { error in
            XCTAssertEqual((error as? C8Error)?.errorNum, 1221)
        }
        XCTAssertEqual(generator.lastValue, 0)
    }

    func testAutoincrementRestore() throws {
        let options = try KeyOptions(type: .autoincrement, increment: 3, offset: 1)
        let first = options.makeGenerator()
        XCTAssertEqual(try keys(first, 3), ["1", "4", "7"])
        let persisted = first.options
        XCTAssertEqual(persisted.lastValue, 7)
        XCTAssertEqual(persisted.increment, 3)
        XCTAssertEqual(persisted.offset, 1)
        let restored = persisted.makeGenerator()
        XCTAssertEqual(try restored.generate().rawValue, "10")
    }

    func testAutoincrementOutOfKeys() throws {
        let options = try KeyOptions(type: .autoincrement, increment: 10, lastValue: UInt64.max - 5)
        XCTAssertThrowsError(try options.makeGenerator().generate()) { error in
            XCTAssertEqual((error as? C8Error)?.errorNum, 1225)
        }
    }

    func testAutoincrementConcurrentUniqueness() throws {
        assertConcurrentUniqueness(try KeyOptions(type: .autoincrement, increment: 7).makeGenerator())
    }

    // MARK: UUID

    func testUUIDKeysAreLowercaseVersion4() throws {
        let generator = try KeyOptions(type: .uuid).makeGenerator()
        let pattern = try NSRegularExpression(
            pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
        for key in try keys(generator, 50) {
            let range = NSRange(key.startIndex..., in: key)
            XCTAssertNotNil(pattern.firstMatch(in: key, range: range), key)
            XCTAssertTrue(DocumentKey.isValid(key))
        }
        XCTAssertEqual(generator.lastValue, 0)
        XCTAssertEqual(generator.options.type, .uuid)
    }

    func testUUIDConcurrentUniqueness() throws {
        assertConcurrentUniqueness(try KeyOptions(type: .uuid).makeGenerator())
    }

    // MARK: Padded

    func testPaddedKeysAreSixteenHexDigitsInOrder() throws {
        let generator = try KeyOptions(type: .padded).makeGenerator()
        let generated = try keys(generator, 20)
        XCTAssertEqual(generated.first, "0000000000000001")
        XCTAssertEqual(generated[15], "0000000000000010")
        for key in generated { XCTAssertEqual(key.utf8.count, 16) }
        XCTAssertEqual(generated.sorted(), generated)  // string order = insertion order
        XCTAssertEqual(Set(generated).count, generated.count)
    }

    func testPaddedEncodingRoundTripAndBounds() {
        XCTAssertEqual(PaddedKeyGenerator.encode(0), "0000000000000000")
        XCTAssertEqual(PaddedKeyGenerator.encode(255), "00000000000000ff")
        XCTAssertEqual(PaddedKeyGenerator.encode(UInt64.max), "ffffffffffffffff")
        for value: UInt64 in [1, 42, 1 << 40, UInt64.max - 1] {
            XCTAssertEqual(PaddedKeyGenerator.decode(PaddedKeyGenerator.encode(value)), value)
        }
        XCTAssertNil(PaddedKeyGenerator.decode("ff"))
        XCTAssertNil(PaddedKeyGenerator.decode("00000000000000FF"))
        XCTAssertNil(PaddedKeyGenerator.decode("000000000000000g"))
    }

    func testPaddedTracksUserKeysInItsFormat() throws {
        let generator = try KeyOptions(type: .padded).makeGenerator()
        _ = try generator.accept(userKey: "00000000000000ff")
        XCTAssertEqual(try generator.generate().rawValue, "0000000000000100")
        _ = try generator.accept(userKey: "zzz")
        XCTAssertEqual(try generator.generate().rawValue, "0000000000000101")
    }

    func testPaddedRestore() throws {
        let options = try KeyOptions(type: .padded, lastValue: 0xabc)
        XCTAssertEqual(try options.makeGenerator().generate().rawValue, "0000000000000abd")
    }

    func testPaddedConcurrentUniquenessAndOrder() throws {
        let generator = try KeyOptions(type: .padded).makeGenerator()
        assertConcurrentUniqueness(generator)
        XCTAssertEqual(generator.lastValue, 16_000)
    }

    // MARK: User keys

    func testUserKeysForbidden() throws {
        let generator = try KeyOptions(type: .traditional, allowUserKeys: false).makeGenerator()
        XCTAssertThrowsError(try generator.accept(userKey: "mine")) { error in
            XCTAssertEqual((error as? C8Error)?.errorNum, 1222)
        }
        // Restoring a dump may still set keys.
        XCTAssertEqual(try generator.accept(userKey: "77", isRestore: true).rawValue, "77")
        XCTAssertEqual(try generator.generate().rawValue, "78")
    }

    func testIllegalUserKey() throws {
        let generator = TraditionalKeyGenerator()
        XCTAssertThrowsError(try generator.accept(userKey: "a/b")) { error in
            XCTAssertEqual((error as? C8Error)?.errorNum, 1221)
        }
    }

    // MARK: Options

    func testOptionsValidation() throws {
        for (increment, offset) in [(UInt64(0), UInt64(0)), (65_536, 0), (1, UInt64.max)] {
            XCTAssertThrowsError(try KeyOptions(type: .autoincrement, increment: increment, offset: offset)) { error in
                XCTAssertEqual((error as? C8Error)?.errorNum, 1232, "\(increment) \(offset)")
            }
        }
        XCTAssertNoThrow(try KeyOptions(type: .autoincrement, increment: 65_535, offset: 0))
        // Ignored (and normalized) for other types, as in ArangoDB.
        let traditional = try KeyOptions(type: .traditional, increment: 0, offset: 9)
        XCTAssertEqual(traditional.increment, 1)
        XCTAssertEqual(traditional.offset, 0)
    }

    func testOptionsFromJSON() throws {
        let options = try KeyOptions(json: ["type": "autoincrement", "allowUserKeys": false,
                                            "increment": 5, "offset": 3])
        XCTAssertEqual(options.type, .autoincrement)
        XCTAssertFalse(options.allowUserKeys)
        XCTAssertEqual(options.increment, 5)
        XCTAssertEqual(options.offset, 3)
        XCTAssertEqual(try KeyOptions(json: .null), .default)
        XCTAssertEqual(try KeyOptions(json: ["type": "padded"]).type, .padded)
        XCTAssertEqual(try KeyOptions(json: ["lastValue": 12.0]).lastValue, 12)
    }

    func testOptionsFromBadJSON() {
        let bad: [JSON] = [
            ["type": "random"], ["type": 1], ["allowUserKeys": "yes"], ["type": "autoincrement", "increment": 0],
            ["type": "autoincrement", "increment": 70_000], ["type": "autoincrement", "offset": -1],
            ["increment": 1.5], ["lastValue": "abc"], "traditional", [1, 2],
        ]
        for json in bad {
            XCTAssertThrowsError(try KeyOptions(json: json), "\(json)") { error in
                XCTAssertEqual((error as? C8Error)?.errorNum, 1232, "\(json)")
            }
        }
    }

    func testOptionsJSONRoundTrip() throws {
        let auto = try KeyOptions(type: .autoincrement, allowUserKeys: false, increment: 4, offset: 2, lastValue: 10)
        XCTAssertEqual(try KeyOptions(json: auto.json), auto)
        XCTAssertEqual(auto.json["increment"].intValue, 4)

        let padded = try KeyOptions(type: .padded, lastValue: UInt64.max)
        XCTAssertNil(padded.json["increment"].intValue)  // only autoincrement reports it
        XCTAssertEqual(try KeyOptions(json: padded.json), padded)
    }
}
