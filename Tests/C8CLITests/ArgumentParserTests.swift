import XCTest
@testable import C8CLI

/// The parser against the real command declarations, so these tests also
/// pin the command line contract of ARCHITECTURE.md.
final class ArgumentParserTests: XCTestCase {
    private let query = QueryCommand().spec
    private let importSpec = ImportCommand().spec
    private let exportSpec = ExportCommand().spec
    private let serve = ServeCommand().spec

    // MARK: Accepted forms

    func testOptionValueMayFollowAsNextWordOrAfterEquals() throws {
        let spaced = try arguments(query, ["--fabric", "geo", "RETURN 1"])
        let joined = try arguments(query, ["--fabric=geo", "RETURN 1"])
        XCTAssertEqual(spaced.value(.fabric), "geo")
        XCTAssertEqual(joined.value(.fabric), "geo")
        XCTAssertEqual(joined.value(QueryCommand.queryText), "RETURN 1")
    }

    func testEqualsFormKeepsEverythingAfterTheFirstEquals() throws {
        let parsed = try arguments(query, ["--bind={\"a\":\"x=y\"}", "RETURN @a"])
        XCTAssertEqual(parsed.value(QueryCommand.bindVariables), "{\"a\":\"x=y\"}")
    }

    func testOptionsAndPositionalsMayInterleave() throws {
        let parsed = try arguments(importSpec, ["data.jsonl", "--collection", "users", "--create"])
        XCTAssertEqual(parsed.value(ImportCommand.file), "data.jsonl")
        XCTAssertEqual(parsed.value(.collection), "users")
        XCTAssertTrue(parsed.isSet(ImportCommand.create))
        XCTAssertFalse(parsed.isSet(ImportCommand.edge))
    }

    func testSingleDashIsStandardInputNotAnOption() throws {
        let parsed = try arguments(importSpec, ["--collection", "users", "-"])
        XCTAssertEqual(parsed.value(ImportCommand.file), "-")
    }

    func testDoubleDashEndsOptions() throws {
        let parsed = try arguments(query, ["--", "--not-an-option"])
        XCTAssertEqual(parsed.value(QueryCommand.queryText), "--not-an-option")
    }

    func testNegativeNumberIsAValueNotAnOption() {
        XCTAssertThrowsUsage(try parse(serve, ["--port", "-1"]),
                             .invalidValue(option: "--port", value: "-1", expected: "an integer from 0 to 65535"))
    }

    func testCacheOptionsSetTheEngineLimitsAndLeaveTheDefaultsOtherwise() throws {
        let defaults = try arguments(serve, []).engineLimits()
        XCTAssertEqual(defaults.documentCacheBytes, 256 << 20)
        XCTAssertEqual(defaults.edgeCacheBytes, 64 << 20)
        let set = try arguments(serve, ["--document-cache", "0", "--edge-cache=1048576"]).engineLimits()
        XCTAssertEqual(set.documentCacheBytes, 0)
        XCTAssertEqual(set.edgeCacheBytes, 1 << 20)
        let console = try arguments(ConsoleCommand().spec, ["--document-cache", "8388608"]).engineLimits()
        XCTAssertEqual(console.documentCacheBytes, 8 << 20)
        XCTAssertEqual(console.edgeCacheBytes, 64 << 20)
        XCTAssertThrowsUsage(try parse(serve, ["--edge-cache", "-1"]),
                             .invalidValue(option: "--edge-cache", value: "-1", expected: "an integer of at least 0"))
    }

    func testOptionalPositionalMayBeLeftOut() throws {
        let parsed = try arguments(exportSpec, ["--collection", "users"])
        XCTAssertNil(parsed.value(ExportCommand.file))
        let withFile = try arguments(exportSpec, ["--collection", "users", "out.jsonl"])
        XCTAssertEqual(withFile.value(ExportCommand.file), "out.jsonl")
    }

    func testIntegerOptionIsReadAsInteger() throws {
        let parsed = try arguments(serve, ["--port", "8080"])
        XCTAssertEqual(parsed.integer(ServeCommand.port), 8080)
        XCTAssertNil(parsed.integer(ServeCommand.tlsPort))
    }

    func testHelpWinsAnywhereBeforeDoubleDash() throws {
        XCTAssertEqual(try parse(query, ["--fabric", "--help"]), .help)
        XCTAssertEqual(try parse(query, ["--nope", "-h"]), .help)
        XCTAssertNotEqual(try parse(query, ["--", "--help"]), .help)
    }

    // MARK: Environment fallback and precedence

    func testEnvironmentSuppliesMissingOptions() throws {
        let parsed = try arguments(query, ["RETURN 1"],
                                   environment: ["C8_URL": "https://c8.example", "C8_API_KEY": "k"])
        XCTAssertEqual(parsed.value(.url), "https://c8.example")
        XCTAssertEqual(parsed.value(.apiKey), "k")
        XCTAssertEqual(parsed.source(of: .url), .environment(variable: "C8_URL"))
        XCTAssertNil(parsed.value(.dataDir))
    }

    func testFlagWinsOverItsEnvironmentVariable() throws {
        let parsed = try arguments(query, ["--api-key", "typed", "RETURN 1"],
                                   environment: ["C8_API_KEY": "from-env"])
        XCTAssertEqual(parsed.value(.apiKey), "typed")
        XCTAssertEqual(parsed.source(of: .apiKey), .commandLine)
    }

    func testEmptyEnvironmentVariableCountsAsUnset() throws {
        let parsed = try arguments(query, ["RETURN 1"], environment: ["C8_DATA_DIR": ""])
        XCTAssertNil(parsed.value(.dataDir))
    }

    func testFlagSilencesTheEnvironmentOfItsExclusiveAlternative() throws {
        let parsed = try arguments(query, ["--data-dir", "/tmp/c8", "RETURN 1"],
                                   environment: ["C8_URL": "https://c8.example"])
        XCTAssertEqual(parsed.value(.dataDir), "/tmp/c8")
        XCTAssertNil(parsed.value(.url))
    }

    func testAdminKeyFallsBackToItsVariable() throws {
        let parsed = try arguments(serve, [], environment: ["C8_ADMIN_KEY": "root"])
        XCTAssertEqual(parsed.value(ServeCommand.adminKey), "root")
    }

    func testRequiredOptionsHaveNoEnvironmentLoophole() {
        XCTAssertThrowsUsage(try parse(exportSpec, [], environment: ["C8_COLLECTION": "users"]),
                             .missingOption("--collection"))
    }

    // MARK: Errors

    func testUnknownOptionSuggestsTheClosestName() {
        XCTAssertThrowsUsage(try parse(query, ["--fabrik", "x", "q"]),
                             .unknownOption("--fabrik", suggestion: "--fabric"))
        XCTAssertThrowsUsage(try parse(query, ["--zzzzzz", "q"]),
                             .unknownOption("--zzzzzz", suggestion: nil))
        XCTAssertThrowsUsage(try parse(query, ["-x", "q"]), .unknownOption("-x", suggestion: nil))
        XCTAssertThrowsUsage(try parse(query, ["--fabrik=geo", "q"]),
                             .unknownOption("--fabrik", suggestion: "--fabric"))
    }

    func testOptionAtTheEndWithoutValue() {
        XCTAssertThrowsUsage(try parse(query, ["--fabric"]), .missingValue(option: "--fabric"))
    }

    func testOptionFollowedByAnotherOptionHasNoValue() {
        XCTAssertThrowsUsage(try parse(query, ["--fabric", "--bind", "{}", "q"]),
                             .missingValue(option: "--fabric"))
    }

    func testEmptyEqualsValueIsMissing() {
        XCTAssertThrowsUsage(try parse(query, ["--fabric=", "q"]), .missingValue(option: "--fabric"))
    }

    func testFlagRejectsAValue() {
        XCTAssertThrowsUsage(try parse(importSpec, ["--create=yes", "--collection", "c", "f"]),
                             .unexpectedValue(option: "--create"))
    }

    func testRepeatedOptionOrFlag() {
        XCTAssertThrowsUsage(try parse(query, ["--fabric", "a", "--fabric=b", "q"]),
                             .repeatedOption("--fabric"))
        XCTAssertThrowsUsage(try parse(importSpec, ["--edge", "--edge", "--collection", "c", "f"]),
                             .repeatedOption("--edge"))
    }

    func testRepeatableOptionKeepsEveryValueInOrder() throws {
        let origin = OptionSpec.value("origin", "O", summary: "an origin", repeatable: true)
        let spec = CommandSpec(name: "t", summary: "t", usage: [], description: "", options: [origin])
        guard case .arguments(let parsed) = try ArgumentParser(spec: spec, environment: [:])
            .parse(["--origin", "a", "--origin=b", "--origin", "c"]) else { return XCTFail("help") }
        XCTAssertEqual(parsed.values(origin), ["a", "b", "c"])
        XCTAssertEqual(parsed.value(origin), "a")
        guard case .arguments(let none) = try ArgumentParser(spec: spec, environment: [:]).parse([]) else {
            return XCTFail("help")
        }
        XCTAssertEqual(none.values(origin), [])
    }

    func testMissingRequiredOption() {
        XCTAssertThrowsUsage(try parse(importSpec, ["users.jsonl"]), .missingOption("--collection"))
    }

    func testMissingPositional() {
        XCTAssertThrowsUsage(try parse(query, ["--fabric", "f"]), .missingArgument("QUERY"))
    }

    func testExtraPositional() {
        XCTAssertThrowsUsage(try parse(query, ["RETURN 1", "extra"]), .unexpectedArgument("extra"))
        XCTAssertThrowsUsage(try parse(serve, ["now"]), .unexpectedArgument("now"))
    }

    func testIntegerOutOfRangeOrNotANumber() {
        XCTAssertThrowsUsage(try parse(serve, ["--port", "http"]),
                             .invalidValue(option: "--port", value: "http", expected: "an integer from 0 to 65535"))
        XCTAssertThrowsUsage(try parse(serve, ["--port=70000"]),
                             .invalidValue(option: "--port", value: "70000", expected: "an integer from 0 to 65535"))
    }

    func testExclusiveOptionsOnTheCommandLine() {
        XCTAssertThrowsUsage(try parse(query, ["--data-dir", "d", "--url", "u", "q"]),
                             .conflictingOptions(["--data-dir", "--url"]))
    }

    func testExclusiveOptionsBothFromTheEnvironment() {
        XCTAssertThrowsUsage(try parse(query, ["q"], environment: ["C8_DATA_DIR": "d", "C8_URL": "u"]),
                             .conflictingEnvironment(variables: ["C8_DATA_DIR", "C8_URL"],
                                                     options: ["--data-dir", "--url"]))
    }

    func testTogetherGroupIsAllOrNothing() throws {
        XCTAssertThrowsUsage(try parse(serve, ["--tls-port", "8443", "--tls-key", "k.pem"]),
                             .incompleteGroup(options: ["--tls-port", "--tls-cert", "--tls-key"],
                                              missing: ["--tls-cert"]))
        let complete = try arguments(serve, ["--tls-port", "8443", "--tls-cert", "c.pem", "--tls-key", "k.pem"])
        XCTAssertEqual(complete.value(ServeCommand.tlsCertificate), "c.pem")
    }

    func testErrorMessagesReadAsOneLine() {
        XCTAssertEqual(UsageError.missingValue(option: "--fabric").message, "option --fabric needs a value")
        XCTAssertEqual(UsageError.unknownCommand("qurey", suggestion: "query").message,
                       "unknown command 'qurey' (did you mean query?)")
        XCTAssertEqual(UsageError.incompleteGroup(options: ["--a", "--b", "--c"], missing: ["--b", "--c"]).message,
                       "options --a, --b and --c go together; missing --b and --c")
        XCTAssertEqual(UsageError.conflictingEnvironment(variables: ["A", "B"], options: ["--a", "--b"]).message,
                       "A and B are both set; pass --a or --b to choose")
    }

    // MARK: Helpers

    private func parse(_ spec: CommandSpec, _ words: [String],
                       environment: [String: String] = [:]) throws -> ArgumentParser.Outcome {
        try ArgumentParser(spec: spec, environment: environment).parse(words)
    }

    private func arguments(_ spec: CommandSpec, _ words: [String], environment: [String: String] = [:],
                           file: StaticString = #filePath, line: UInt = #line) throws -> ParsedArguments {
        switch try parse(spec, words, environment: environment) {
        case .arguments(let arguments):
            return arguments
        case .help:
            XCTFail("expected arguments, got a help request", file: file, line: line)
            throw UsageError.invalid("help")
        }
    }
}

/// Asserts that `expression` throws exactly `expected`.
func XCTAssertThrowsUsage<T>(_ expression: @autoclosure () throws -> T, _ expected: UsageError,
                             file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try expression(), file: file, line: line) { error in
        XCTAssertEqual(error as? UsageError, expected, file: file, line: line)
    }
}
