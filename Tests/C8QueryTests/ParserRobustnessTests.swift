import C8Core
import Foundation
import XCTest
@testable import C8Query

/// Hostile input: deep nesting, runaway chains, huge flat lists, random
/// token soup and mutated queries must give a value or a C8Error, never a
/// crash or a hang.
final class ParserRobustnessTests: XCTestCase {
    private static let parserErrorNumbers: Set<Int> = [
        1501, 1502, 1510, 1511, 1512, 1522, 1541, 1553, 1573, 1574, 1575, 1577, 1579,
    ]

    private func assertNestedTooDeeply(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let error = ParserTesting.error(text, file: file, line: line) else { return }
        XCTAssertEqual(error.errorNum, 1501, file: file, line: line)
        XCTAssertTrue(error.message.contains("nested too deeply"), error.message, file: file, line: line)
        XCTAssertNotNil(error.queryErrorPosition, file: file, line: line)
    }

    func testHundredThousandOpeningBracketsFailCleanly() {
        assertNestedTooDeeply("RETURN " + String(repeating: "[", count: 100_000))
        assertNestedTooDeeply("RETURN " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
    }

    func testEveryNestingConstructIsLimited() {
        let n = 20_000
        let shapes = [
            String(repeating: "(", count: n) + "1",
            String(repeating: "{a: ", count: n) + "1",
            String(repeating: "{[", count: n) + "1",
            String(repeating: "f(", count: n) + "1",
            String(repeating: "!", count: n) + "1",
            String(repeating: "-", count: n) + "1",
            String(repeating: "NOT ", count: n) + "1",
            String(repeating: "(RETURN ", count: n) + "1",
            String(repeating: "LENGTH(FOR x IN ", count: n) + "1",
            "[]" + String(repeating: "[* RETURN CURRENT", count: n),
            "[]" + String(repeating: "[* FILTER CURRENT", count: n),
            String(repeating: "1 ? 1 : ", count: n) + "1",
            String(repeating: "1 ? ", count: n) + "1",
            String(repeating: "'a' NOT LIKE ", count: n) + "'b'",
            "[]" + String(repeating: "[", count: n),
        ]
        for shape in shapes {
            assertNestedTooDeeply("RETURN " + shape)
        }
    }

    func testRunawayChainsAreRefusedBeforeTheTreeGetsTooTall() {
        let n = 20_000
        let chains = [
            "RETURN " + Array(repeating: "1", count: n).joined(separator: " + "),
            "RETURN " + Array(repeating: "true", count: n).joined(separator: " || "),
            "RETURN [1]" + String(repeating: "[0]", count: n),
            "RETURN {a: 1}" + String(repeating: ".a", count: n),
            "RETURN [1]" + String(repeating: "[*]", count: n),
            "RETURN [1]" + String(repeating: "[**]", count: n),
            "RETURN [1]" + String(repeating: "[*].a", count: n),
            "RETURN " + Array(repeating: "1", count: n).joined(separator: ".."),
        ]
        for chain in chains {
            guard let error = ParserTesting.error(chain) else { continue }
            XCTAssertEqual(error.errorNum, 1501)
            XCTAssertTrue(error.message.contains("expression is nested too deeply"), error.message)
        }
    }

    func testReasonableDepthsParse() throws {
        let depth = 100
        let nested = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        let parsed = try QueryParser.parse("RETURN " + nested)
        guard case .return(.literal(let value), _)? = parsed.query.operations.first else { return XCTFail("not folded") }
        var levels = 0
        var current = value
        while case .array(let elements) = current, let first = elements.first {
            levels += 1
            current = first
        }
        XCTAssertEqual(levels, depth)
        let chain = Array(repeating: "x", count: 500).joined(separator: " || ")
        XCTAssertNoThrow(try QueryParser.parse("LET x = 1 RETURN " + chain))
    }

    func testSmallStackThreadGetsACleanErrorToo() {
        let finished = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var deep: C8Error?
        nonisolated(unsafe) var shallow: Result<ParsedQuery, C8Error>?
        let thread = Thread {
            do throws(C8Error) {
                _ = try QueryParser.parse("RETURN " + String(repeating: "[", count: 100_000))
            } catch {
                deep = error
            }
            shallow = Result { () throws(C8Error) in try QueryParser.parse("RETURN [[[[[[[[[[1]]]]]]]]]]") }
            finished.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        XCTAssertEqual(finished.wait(timeout: .now() + 60), .success)
        XCTAssertEqual(deep?.errorNum, 1501)
        XCTAssertTrue(deep?.message.contains("nested too deeply") ?? false)
        XCTAssertNoThrow(try shallow?.get())
    }

    func testStackUseStaysWithinTheBudget() {
        let (peak, error) = QueryParser.measureStack("RETURN " + String(repeating: "{a: [", count: 100_000))
        XCTAssertEqual(error?.errorNum, 1501)
        XCTAssertGreaterThan(peak, 0)
        XCTAssertLessThanOrEqual(peak, StackGauge().budget + 64 * 1024)
    }

    func testLargeFlatInputIsFast() throws {
        let start = Date()
        let elements = (0..<100_000).map(String.init).joined(separator: ", ")
        let parsed = try QueryParser.parse("FOR x IN [\(elements)] FILTER x IN [\(elements)] RETURN x")
        XCTAssertEqual(parsed.query.operations.count, 3)
        let names = (0..<20_000).map { "LET v\($0) = \($0)" }.joined(separator: " ")
        XCTAssertNoThrow(try QueryParser.parse(names + " RETURN v19999"))
        XCTAssertLessThan(Date().timeIntervalSince(start), 30)
    }

    // MARK: - Fuzzing

    private static let vocabulary: [String] = [
        "FOR", "IN", "RETURN", "FILTER", "LET", "COLLECT", "SORT", "LIMIT", "INSERT", "UPDATE", "REPLACE",
        "REMOVE", "UPSERT", "WITH", "INTO", "AGGREGATE", "GRAPH", "OUTBOUND", "INBOUND", "ANY", "ALL", "NONE",
        "SHORTEST_PATH", "K_SHORTEST_PATHS", "DISTINCT", "ASC", "DESC", "NOT", "AND", "OR", "LIKE", "NULL",
        "TRUE", "FALSE", "OPTIONS", "PRUNE", "SEARCH", "TO", "KEEP", "COUNT", "CURRENT", "NEW", "OLD",
        "x", "y", "users", "doc", "_key", "`q`", "´r´", "@p", "@@c", "1", "2.5", ".5", "1e3", "'s'", "\"t\"",
        "==", "!=", "<", "<=", ">", ">=", "=~", "!~", "&&", "||", "!", "=", "+", "-", "*", "/", "%", "?", ":",
        "::", "..", ".", ",", "(", ")", "{", "}", "[", "]", "[*", "[**", "//", "/*", "*/", ";", "'", "\"", "`",
    ]

    private static let corpus: [String] = [
        "FOR u IN users FILTER u.age > 21 SORT u.name DESC LIMIT 10 RETURN u",
        "FOR u IN users COLLECT city = u.city AGGREGATE n = COUNT(1) INTO g RETURN {city, n, g}",
        "FOR v, e, p IN 1..3 OUTBOUND 'a/1' GRAPH 'g' PRUNE v.x OPTIONS {bfs: true} RETURN p.vertices[*]._key",
        "FOR v IN OUTBOUND SHORTEST_PATH @a TO @b edges RETURN v",
        "UPSERT {k: 1} INSERT {k: 1, n: 1} UPDATE {n: OLD.n + 1} IN c RETURN NEW",
        "LET r = (FOR x IN [1, 2, 3] RETURN x * 2) RETURN r[* FILTER CURRENT > 2 LIMIT 1 RETURN CURRENT]",
        "WITH a FOR x IN @@c UPDATE x WITH {v: x.v ? -1 : 1} IN @@c OPTIONS {keepNull: false}",
        "RETURN [1, 2] ALL IN [2, 3] && 'a' NOT LIKE 'b%' || {a: [1, {b: 2}]}.a[1].b",
        "FOR d IN view SEARCH d.text == 'x' RETURN DISTINCT d._id",
        "FOR x IN 1..10 REMOVE {_key: TO_STRING(x)} IN c RETURN OLD",
    ]

    func testRandomTokenSequencesNeverCrash() {
        var random = SplitMix64(seed: 0xC8_2024)
        let start = Date()
        var parsed = 0
        var failed = 0
        for _ in 0..<20_000 {
            let count = Int(random.next() % 40) + 1
            var text = ""
            for _ in 0..<count {
                text += Self.vocabulary[Int(random.next() % UInt64(Self.vocabulary.count))]
                text += random.next() % 5 == 0 ? "" : " "
            }
            if random.next() % 2 == 0 { text = "FOR x IN y " + text }
            record(text, parsed: &parsed, failed: &failed)
        }
        XCTAssertGreaterThan(failed, 0)
        XCTAssertLessThan(Date().timeIntervalSince(start), 60)
    }

    func testMutatedQueriesNeverCrash() {
        var random = SplitMix64(seed: 42)
        let start = Date()
        var parsed = 0
        var failed = 0
        for _ in 0..<20_000 {
            var bytes = Array(Self.corpus[Int(random.next() % UInt64(Self.corpus.count))].utf8)
            for _ in 0..<(Int(random.next() % 4) + 1) {
                mutate(&bytes, &random)
            }
            record(String(decoding: bytes, as: UTF8.self), parsed: &parsed, failed: &failed)
        }
        XCTAssertGreaterThan(parsed, 0, "some mutations should stay valid")
        XCTAssertGreaterThan(failed, 0)
        XCTAssertLessThan(Date().timeIntervalSince(start), 60)
    }

    func testCorpusParses() {
        for text in Self.corpus {
            XCTAssertNoThrow(try QueryParser.parse(text), text)
        }
    }

    private func record(_ text: String, parsed: inout Int, failed: inout Int) {
        do {
            _ = try QueryParser.parse(text)
            parsed += 1
        } catch {
            failed += 1
            XCTAssertTrue(Self.parserErrorNumbers.contains(error.errorNum), "\(text): \(error)")
            if error.errorNum != 1502 {
                XCTAssertNotNil(error.queryErrorPosition, "\(text): \(error)")
            }
        }
    }

    private func mutate(_ bytes: inout [UInt8], _ random: inout SplitMix64) {
        let position = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
        switch random.next() % 6 {
        case 0 where !bytes.isEmpty:
            let length = min(Int(random.next() % 8) + 1, bytes.count - position)
            bytes.removeSubrange(position..<position + length)
        case 1:
            let word = Self.vocabulary[Int(random.next() % UInt64(Self.vocabulary.count))]
            bytes.insert(contentsOf: Array(" \(word) ".utf8), at: position)
        case 2 where !bytes.isEmpty:
            bytes[position] = UInt8(truncatingIfNeeded: random.next())
        case 3:
            bytes.insert(UInt8(truncatingIfNeeded: random.next() % 128), at: position)
        case 4 where !bytes.isEmpty:
            let length = min(Int(random.next() % 12) + 1, bytes.count - position)
            bytes.insert(contentsOf: bytes[position..<position + length], at: position)
        default:
            let other = Int(random.next() % UInt64(max(bytes.count, 1)))
            if position < bytes.count, other < bytes.count { bytes.swapAt(position, other) }
        }
    }
}

