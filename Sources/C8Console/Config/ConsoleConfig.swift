import Foundation

/// The console's config file, `$XDG_CONFIG_HOME/c8/config` (Docs/CONFIG.md):
/// `key = value` settings, a `[keys]` section of key overrides, and
/// `[profile NAME]` sections naming endpoints.
public struct ConsoleConfig: Sendable, Equatable {
    public var theme: String?
    public var readOnly: Bool?
    public var mouse: Bool?
    /// Overrides `$EDITOR` for editing documents.
    public var editor: String?
    /// Messages a stream tail keeps (`stream-buffer = N`).
    public var streamBuffer: Int?
    /// `action-name` → key notations.
    public var keys: [String: [String]] = [:]
    public var profiles: [String: Profile] = [:]

    /// A named endpoint: an embedded data dir now, a remote URL later.
    public struct Profile: Sendable, Equatable {
        public var dataDirectory: String?
        public var url: String?
        public var apiKey: String?
        public var readOnly: Bool?
        public var theme: String?
    }

    public init() {}

    /// A problem in the file, with its line.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "config line \(line): \(message)" }
    }

    /// Parses the file's text. Bad lines are reported, not fatal: the rest of
    /// the file still applies.
    public static func parse(_ text: String) -> (config: ConsoleConfig, problems: [Problem]) {
        var config = ConsoleConfig()
        var problems: [Problem] = []
        enum Section { case main, keys, profile(String) }
        var section = Section.main
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    problems.append(Problem(line: lineNumber, message: "a section header ends with ]"))
                    continue
                }
                let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                if name == "keys" {
                    section = .keys
                } else if name.hasPrefix("profile ") {
                    let profile = name.dropFirst("profile ".count).trimmingCharacters(in: .whitespaces)
                    section = .profile(profile)
                    config.profiles[profile] = config.profiles[profile] ?? Profile()
                } else {
                    problems.append(Problem(line: lineNumber, message: "unknown section [\(name)]"))
                }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                problems.append(Problem(line: lineNumber, message: "expected key = value"))
                continue
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            func bool() -> Bool? {
                switch value.lowercased() {
                case "true", "yes", "on", "1": return true
                case "false", "no", "off", "0": return false
                default:
                    problems.append(Problem(line: lineNumber, message: "\(key) must be true or false"))
                    return nil
                }
            }
            switch section {
            case .main:
                switch key {
                case "theme": config.theme = value
                case "read-only": config.readOnly = bool()
                case "mouse": config.mouse = bool()
                case "editor": config.editor = value
                case "stream-buffer":
                    if let n = Int(value), n > 0 { config.streamBuffer = n } else {
                        problems.append(Problem(line: lineNumber, message: "stream-buffer must be a positive number of messages"))
                    }
                default: problems.append(Problem(line: lineNumber, message: "unknown setting '\(key)'"))
                }
            case .keys:
                config.keys[key] = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            case .profile(let name):
                var profile = config.profiles[name] ?? Profile()
                switch key {
                case "data-dir": profile.dataDirectory = value
                case "url": profile.url = value
                case "api-key": profile.apiKey = value
                case "read-only": profile.readOnly = bool()
                case "theme": profile.theme = value
                default: problems.append(Problem(line: lineNumber, message: "unknown profile setting '\(key)'"))
                }
                config.profiles[name] = profile
            }
        }
        return (config, problems)
    }

    /// Where the file lives: `$XDG_CONFIG_HOME/c8/config`, else `~/.config/c8/config`.
    public static func path(environment: [String: String]) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return base + "/c8/config"
    }

    /// Reads and parses the file; a missing file is an empty config.
    public static func load(environment: [String: String]) -> (config: ConsoleConfig, problems: [Problem]) {
        guard let text = try? String(contentsOfFile: path(environment: environment), encoding: .utf8) else { return (ConsoleConfig(), []) }
        return parse(text)
    }
}
