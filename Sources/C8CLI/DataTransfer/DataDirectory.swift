import Foundation

/// Where the embedded engine keeps its data when no `--data-dir` is given,
/// resolved in one place so every command that opens the engine (console,
/// query, import, export) agrees on it.
///
/// Precedence: `--data-dir`, then `C8_DATA_DIR` (both arrive as the
/// option's value, the parser applies the fallback), then
/// `$XDG_DATA_HOME/c8`, then `~/.local/share/c8` — the XDG base directory
/// rules, which also say a relative `XDG_DATA_HOME` must be ignored.
public struct DataDirectory: Sendable, Equatable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The data directory for an explicit value (flag or `C8_DATA_DIR`) and
    /// the given environment.
    public static func resolve(explicit: String?, environment: [String: String]) -> DataDirectory {
        if let explicit, !explicit.isEmpty { return DataDirectory(path: explicit) }
        if let dataHome = environment["XDG_DATA_HOME"], dataHome.hasPrefix("/") {
            return DataDirectory(path: dataHome + "/c8")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return DataDirectory(path: home + "/.local/share/c8")
    }

    /// The data directory a command's `--data-dir` option (with its
    /// environment fallback) and the context's environment select.
    public static func resolve(_ arguments: ParsedArguments, context: CommandContext) -> DataDirectory {
        resolve(explicit: arguments.value(.dataDir), environment: context.environment)
    }
}
