import Foundation

/// The entry point of the `c8` executable, and an in-process twin of it for
/// tests.
public enum CommandLineTool {
    /// Runs `c8` with the process's arguments and environment, writing to
    /// the real standard output and error, and exits with the resulting
    /// status (0 success, 1 runtime error, 2 usage error).
    public static func main() -> Never {
        let status = run(arguments: Array(CommandLine.arguments.dropFirst()),
                         environment: ProcessInfo.processInfo.environment,
                         standardOutput: StandardStreamSink.standardOutput,
                         standardError: StandardStreamSink.standardError)
        exit(status)
    }

    /// Runs `c8` in process, writing to the given sinks as the command goes.
    ///
    /// - Parameters:
    ///   - arguments: the words after the program name, e.g. `["query", "RETURN 1"]`.
    ///   - environment: stands in for the process environment (`C8_URL`, ...).
    ///   - standardInput: what `-` arguments read.
    ///   - registry: the commands to dispatch to.
    /// - Returns: the exit status the process would have.
    public static func run(arguments: [String], environment: [String: String],
                           standardInput: StandardInput = .process,
                           registry: CommandRegistry = .standard,
                           standardOutput: any TextSink,
                           standardError: any TextSink) -> Int32 {
        let context = CommandContext(standardOutput: standardOutput, standardError: standardError,
                                     environment: environment, standardInput: standardInput)
        return CommandRunner(registry: registry, context: context).run(arguments)
    }

    /// Runs `c8` in process and appends its output to the given streams once
    /// the command returns; the convenient form for tests.
    ///
    /// - Parameters:
    ///   - arguments: the words after the program name.
    ///   - environment: stands in for the process environment.
    ///   - standardInput: what `-` arguments read; tests pass `.text(...)`.
    ///   - registry: the commands to dispatch to.
    ///   - stdout: receives everything written to standard output.
    ///   - stderr: receives everything written to standard error.
    /// - Returns: the exit status the process would have.
    public static func run(arguments: [String], environment: [String: String] = [:],
                           standardInput: StandardInput = .process,
                           registry: CommandRegistry = .standard,
                           stdout: inout some TextOutputStream,
                           stderr: inout some TextOutputStream) -> Int32 {
        let output = CapturedText(), errors = CapturedText()
        let status = run(arguments: arguments, environment: environment, standardInput: standardInput,
                         registry: registry, standardOutput: output, standardError: errors)
        stdout.write(output.text)
        stderr.write(errors.text)
        return status
    }
}
