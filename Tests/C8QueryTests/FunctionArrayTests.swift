import XCTest
import C8Core
@testable import C8Query

/// Array functions: ArangoDB's documented examples and the engine's
/// handling of null and non-array arguments.
final class FunctionArrayTests: XCTestCase {
    static let access: [FunctionCase] = [
        FunctionCase("LENGTH", "[]", "0"),
        FunctionCase("LENGTH", "[1, 2, 3]", "3"),
        FunctionCase("LENGTH", #""foo""#, "3"),
        FunctionCase("LENGTH", #""电脑""#, "2"),
        FunctionCase("LENGTH", #"{"a": 1, "b": 2}"#, "2"),
        FunctionCase("LENGTH", "null", "0"),
        // Engine: booleans count as 1/0, numbers by their text.
        FunctionCase("LENGTH", "true", "1"),
        FunctionCase("LENGTH", "false", "0"),
        FunctionCase("LENGTH", "123", "3"),
        FunctionCase("LENGTH", "-1.5", "4"),
        FunctionCase("COUNT", "[1, 2]", "2"),
        FunctionCase("FIRST", "[1, 2, 3]", "1"),
        FunctionCase("FIRST", "[]", "null"),
        FunctionCase("FIRST", #""a""#, warns: .queryArrayExpected),
        FunctionCase("LAST", "[1, 2, 3, 4, 5]", "5"),
        FunctionCase("LAST", "[]", "null"),
        FunctionCase("NTH", #"["foo", "bar", "baz"], 2"#, #""baz""#),
        FunctionCase("NTH", #"["foo", "bar", "baz"], 3"#, "null"),
        // Engine: no counting from the end.
        FunctionCase("NTH", #"["foo", "bar", "baz"], -1"#, "null"),
        FunctionCase("NTH", "{}, 0", warns: .queryArrayExpected),
        FunctionCase("POSITION", "[2, 4, 6, 8], 4", "true"),
        FunctionCase("POSITION", "[2, 4, 6, 8], 4, true", "1"),
        FunctionCase("POSITION", "[2, 4, 6, 8], 5, true", "-1"),
        FunctionCase("POSITION", "[2, 4, 6, 8], 5", "false"),
        FunctionCase("CONTAINS_ARRAY", "[1], 1.0", "true"),
        FunctionCase("POSITION", #""a", 1"#, warns: .queryArrayExpected),
        FunctionCase("FLATTEN", "[1, 2, [3, 4], 5, [6, 7], [8, [9, 10]]]", "[1, 2, 3, 4, 5, 6, 7, 8, [9, 10]]"),
        FunctionCase("FLATTEN", "[1, 2, [3, 4], 5, [6, 7], [8, [9, 10]]], 2", "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]"),
        FunctionCase("FLATTEN", "[[[1]]], 0", "[[1]]"),
        FunctionCase("FLATTEN", "1", warns: .queryArrayExpected),
        FunctionCase("SLICE", "[1, 2, 3, 4, 5], 0, 1", "[1]"),
        FunctionCase("SLICE", "[1, 2, 3, 4, 5], 1, 2", "[2, 3]"),
        FunctionCase("SLICE", "[1, 2, 3, 4, 5], 3", "[4, 5]"),
        FunctionCase("SLICE", "[1, 2, 3, 4, 5], 1, -1", "[2, 3, 4]"),
        FunctionCase("SLICE", "[1, 2, 3, 4, 5], 0, -2", "[1, 2, 3]"),
        FunctionCase("SLICE", "[1, 2, 3, 4, 5], -3, 2", "[3, 4]"),
        FunctionCase("SLICE", "[1, 2, 3], 5", "[]"),
        FunctionCase("SLICE", "[1, 2, 3], -10, 1", "[1]"),
        FunctionCase("SLICE", #""a", 0"#, warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("REVERSE", "[1, 2, 3]", "[3, 2, 1]"),
        FunctionCase("REVERSE", "1", warns: .queryArrayExpected),
    ]

    static let modification: [FunctionCase] = [
        FunctionCase("APPEND", "[1, 2, 3], [5, 6, 9]", "[1, 2, 3, 5, 6, 9]"),
        FunctionCase("APPEND", "[1, 2, 3], [3, 4, 5, 2, 9], true", "[1, 2, 3, 4, 5, 9]"),
        FunctionCase("APPEND", "[1, 2], 3", "[1, 2, 3]"),
        FunctionCase("APPEND", "[1, 1, 2], [2], true", "[1, 2]"),
        FunctionCase("APPEND", "null, [1]", "[1]"),
        FunctionCase("APPEND", "[1], null", "[1]"),
        FunctionCase("APPEND", #""x", []"#, #""x""#),
        FunctionCase("APPEND", #""a", 1"#, warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("PUSH", "[1, 2, 3], 4", "[1, 2, 3, 4]"),
        FunctionCase("PUSH", "[1, 2, 2, 3], 2, true", "[1, 2, 2, 3]"),
        FunctionCase("PUSH", "null, 1", "[1]"),
        FunctionCase("PUSH", "[1], [2]", "[1, [2]]"),
        FunctionCase("PUSH", "1, 2", warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("UNSHIFT", "[1, 2, 3], 4", "[4, 1, 2, 3]"),
        FunctionCase("UNSHIFT", "[1, 2, 3], 2, true", "[1, 2, 3]"),
        FunctionCase("UNSHIFT", "null, 1", "[1]"),
        FunctionCase("UNSHIFT", "{}, 1", warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("POP", "[1, 2, 3, 4]", "[1, 2, 3]"),
        FunctionCase("POP", "[1]", "[]"),
        FunctionCase("POP", "null", "null"),
        FunctionCase("POP", "1", warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("SHIFT", "[1, 2, 3, 4]", "[2, 3, 4]"),
        FunctionCase("SHIFT", "[]", "[]"),
        FunctionCase("SHIFT", "null", "null"),
        FunctionCase("REMOVE_NTH", #"["a", "b", "c", "d", "e"], 1"#, #"["a", "c", "d", "e"]"#),
        FunctionCase("REMOVE_NTH", #"["a", "b", "c", "d", "e"], -2"#, #"["a", "b", "c", "e"]"#),
        FunctionCase("REMOVE_NTH", #"["a", "b", "c", "d", "e"], 5"#, #"["a", "b", "c", "d", "e"]"#),
        FunctionCase("REMOVE_NTH", "null, 0", "[]"),
        FunctionCase("REPLACE_NTH", #"["a", "b", "c"], 1, "z""#, #"["a", "z", "c"]"#),
        FunctionCase("REPLACE_NTH", #"["a", "b", "c"], 3, "z""#, #"["a", "b", "c", "z"]"#),
        FunctionCase("REPLACE_NTH", #"["a", "b", "c"], 6, "z", "y""#, #"["a", "b", "c", "y", "y", "y", "z"]"#),
        FunctionCase("REPLACE_NTH", #"["a", "b", "c"], -1, "z""#, #"["a", "b", "z"]"#),
        FunctionCase("REPLACE_NTH", #"["a", "b", "c"], -9, "z""#, #"["z", "b", "c"]"#),
        FunctionCase("REPLACE_NTH", #"["a", "b", "c"], 6, "z""#, throws: .queryFunctionArgumentTypeMismatch),
        FunctionCase("REPLACE_NTH", #"["a"], null, "z""#, throws: .queryFunctionArgumentTypeMismatch),
        FunctionCase("REMOVE_VALUE", #"["a", "b", "b", "a", "c"], "a""#, #"["b", "b", "c"]"#),
        FunctionCase("REMOVE_VALUE", #"["a", "b", "b", "a", "c"], "a", 1"#, #"["b", "b", "a", "c"]"#),
        FunctionCase("REMOVE_VALUE", "null, 1", "[]"),
        FunctionCase("REMOVE_VALUES", #"["a", "a", "b", "c", "d", "e", "f"], ["a", "f", "d"]"#, #"["b", "c", "e"]"#),
        FunctionCase("REMOVE_VALUES", "[1], null", "[1]"),
        FunctionCase("REMOVE_VALUES", "[1], 1", warns: .queryFunctionArgumentTypeMismatch),
    ]

    static let ordering: [FunctionCase] = [
        FunctionCase("SORTED", "[8, 4, 2, 10, 6]", "[2, 4, 6, 8, 10]"),
        FunctionCase("SORTED", #"[{}, [], "a", 1, true, null]"#, #"[null, true, 1, "a", [], {}]"#),
        // c8 orders strings by bytes (Docs/DECISIONS.md); ArangoDB's ICU
        // order would give ["a", "B", "b"].
        FunctionCase("SORTED", #"["b", "a", "B"]"#, #"["B", "a", "b"]"#),
        FunctionCase("SORTED_UNIQUE", "[8, 4, 2, 10, 6, 2, 8, 6, 4]", "[2, 4, 6, 8, 10]"),
        FunctionCase("UNIQUE", "[1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5]", "[1, 2, 3, 4, 5]"),
        FunctionCase("UNIQUE", #"[1, 1.0, "1", [1], [1, null]]"#, #"[1, "1", [1]]"#),
        FunctionCase("UNIQUE", #""x""#, warns: .queryArrayExpected),
        FunctionCase("COUNT_DISTINCT", "[1, 2, 3]", "3"),
        FunctionCase("COUNT_DISTINCT", #"["yes", "no", "yes", "sauron", "no", "yes"]"#, "3"),
        FunctionCase("COUNT_UNIQUE", "[1, 1.0, null, null]", "2"),
    ]

    static let sets: [FunctionCase] = [
        FunctionCase("UNION", "[1, 2, 3], [1, 2]", "[1, 2, 3, 1, 2]"),
        FunctionCase("UNION", "[1], 2", warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("UNION_DISTINCT", "[1, 2, 3], [1, 2]", "[1, 2, 3]"),
        FunctionCase("UNION_DISTINCT", "[1, 2, 3], [4, 2], [5]", "[1, 2, 3, 4, 5]"),
        FunctionCase("INTERSECTION", "[1, 2, 3, 4, 5], [2, 3, 4, 5, 6], [3, 4, 5, 6, 7]", "[3, 4, 5]"),
        FunctionCase("INTERSECTION", "[2, 4, 6], [8, 10, 12], [14, 16, 18]", "[]"),
        FunctionCase("INTERSECTION", "[1, 1, 2], [1]", "[1]"),
        FunctionCase("INTERSECTION", "[1], 1", warns: .queryArrayExpected),
        FunctionCase("MINUS", "[1, 2, 3, 4], [3, 4, 5, 6], [5, 6, 7, 8]", "[1, 2]"),
        FunctionCase("MINUS", "[1, 1, 2], [3]", "[1, 2]"),
        FunctionCase("MINUS", "1, [1]", warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("OUTERSECTION", "[1, 2, 3], [2, 3, 4], [3, 4, 5]", "[1, 5]"),
        FunctionCase("OUTERSECTION", "[1, 1], [2]", "[2]"),
        FunctionCase("OUTERSECTION", "[1], null", warns: .queryArrayExpected),
        FunctionCase("INTERLEAVE", "[1, 1, 1], [2, 2, 2], [3, 3, 3]", "[1, 2, 3, 1, 2, 3, 1, 2, 3]"),
        FunctionCase("INTERLEAVE", "[1], [2, 2], [3, 3, 3]", "[1, 2, 3, 2, 3, 3]"),
        FunctionCase("JACCARD", "[1, 2, 3, 4], [3, 4, 5, 6]", "0.3333333333333333"),
        FunctionCase("JACCARD", "[1, 1, 2, 2, 2, 3], [2, 2, 3, 4]", "0.5"),
        FunctionCase("JACCARD", "[1, 2, 3], []", "0"),
        FunctionCase("JACCARD", "[], []", "1"),
    ]

    func testAccess() { XCTAssertEqual(checkCases(Self.access), 41) }

    func testModification() { XCTAssertEqual(checkCases(Self.modification), 41) }

    func testOrdering() { XCTAssertEqual(checkCases(Self.ordering), 10) }

    func testSets() { XCTAssertEqual(checkCases(Self.sets), 20) }
}
