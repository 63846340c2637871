import XCTest
@testable import C8CLI

/// Help is generated from the registry; these tests make sure it shows
/// everything the parser accepts and stays readable.
final class HelpTests: XCTestCase {
    private let registry = CommandRegistry.standard
    private let formatter = HelpFormatter()

    func testRegistryDeclarationsAreConsistent() {
        XCTAssertEqual(registry.problems(), [])
    }

    func testRegistryHasTheContractCommandsWithConsoleAsDefault() {
        XCTAssertEqual(registry.names, ["console", "serve", "query", "import", "export", "compact", "stream", "demo", "bench"])
        XCTAssertEqual(registry.defaultCommandName, "console")
    }

    func testConsistencyCheckCatchesAnUndocumentedOption() {
        let sloppy = CommandSpec(name: "sloppy", summary: "s", usage: ["[--a X]"], description: "d",
                                 options: [.value("a", "X", summary: "a"), .flag("b", summary: "b")],
                                 positionals: [PositionalSpec("IN", summary: "in", optional: true),
                                               PositionalSpec("OUT", summary: "out")])
        let problems = CommandRegistry(commands: [StubCommand(spec: sloppy)], defaultCommandName: "sloppy").problems()
        XCTAssertEqual(problems, ["sloppy: usage does not mention --b",
                                  "sloppy: usage does not mention IN",
                                  "sloppy: usage does not mention OUT",
                                  "sloppy: a required positional follows an optional one"])
    }

    func testToolHelpDescribesC8AndListsEveryCommandWithItsSummary() {
        let help = formatter.toolHelp(registry: registry)
        XCTAssertTrue(help.hasPrefix("c8 0.1.0 — "))
        XCTAssertTrue(help.contains("c8 is a terminal console and embedded engine"))
        for command in registry.commands {
            let row = help.split(separator: "\n").first { $0.hasPrefix("  \(command.spec.name) ") }
            XCTAssertNotNil(row, "c8 --help does not list \(command.spec.name)")
            XCTAssertTrue(row?.contains(command.spec.summary) ?? false, "\(command.spec.name) row lacks its summary")
        }
        for variable in ["C8_URL", "C8_API_KEY", "C8_DATA_DIR", "C8_ADMIN_KEY"] {
            XCTAssertTrue(help.contains(variable), "c8 --help does not mention \(variable)")
        }
    }

    func testEveryCommandHelpListsAllItsOptionsArgumentsAndVariables() {
        for command in registry.commands {
            let spec = command.spec
            let help = formatter.commandHelp(spec)
            XCTAssertTrue(help.contains(UsageFormatter.lines(for: spec).joined(separator: "\n")), spec.name)
            XCTAssertTrue(help.contains(spec.description.prefix(30)), "\(spec.name) help lacks its description")
            for option in spec.options {
                let label = option.placeholder.map { "\(option.flagName) \($0)" } ?? option.flagName
                let row = optionRow(label, in: help)
                XCTAssertNotNil(row, "c8 \(spec.name) --help lacks \(label)")
                XCTAssertTrue(row?.contains(option.summary.prefix(20)) ?? false, "\(label) lacks its summary")
                if let variable = option.environmentVariable {
                    XCTAssertTrue(help.contains("[env: \(variable)]"), "\(label) does not name \(variable)")
                }
            }
            for positional in spec.positionals {
                XCTAssertNotNil(optionRow(positional.name, in: help), "\(spec.name) help lacks \(positional.name)")
            }
            XCTAssertNotNil(optionRow("-h, --help", in: help))
        }
    }

    func testRequiredOptionIsMarked() {
        let help = formatter.commandHelp(ImportCommand().spec)
        XCTAssertTrue(optionRow("--collection C", in: help)?.contains("(required)") ?? false)
    }

    func testHelpFitsEightyColumns() {
        let texts = [formatter.toolHelp(registry: registry)] + registry.commands.map { formatter.commandHelp($0.spec) }
        for text in texts {
            for line in text.split(separator: "\n") {
                XCTAssertLessThanOrEqual(line.count, 80, "too wide: \(line)")
            }
        }
    }

    func testWrapperBreaksAtWordsAndKeepsNonBreakingGroups() {
        let lines = TextWrapper.wrap("aaa bbb ccc [env:\u{00A0}X]\n\nnext", width: 8)
        XCTAssertEqual(lines, ["aaa bbb", "ccc", "[env: X]", "", "next"])
    }

    /// The line of a two-column table whose label is `label`.
    private func optionRow(_ label: String, in help: String) -> Substring? {
        help.split(separator: "\n").first { $0.hasPrefix("  \(label)  ") || $0 == "  \(label)" }
    }
}

/// A command that only carries a declaration, for registry checks.
struct StubCommand: Command {
    let spec: CommandSpec

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        ExitStatus.success
    }
}
