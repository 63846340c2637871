import Foundation

/// Where the transport reports what a client did wrong or what failed
/// underneath: a level and one line, handed to a sink the server's owner
/// chooses (stderr, a file, a test's array).
public struct HTTPServerLog: Sendable {
    public enum Level: Int, Sendable, Comparable, CustomStringConvertible {
        case debug, info, warning, error

        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }

        public var description: String {
            switch self {
            case .debug: return "debug"
            case .info: return "info"
            case .warning: return "warning"
            case .error: return "error"
            }
        }
    }

    /// Messages below this level are not formatted at all.
    public var minimumLevel: Level
    private let sink: @Sendable (Level, String) -> Void

    public init(minimumLevel: Level = .warning, sink: @escaping @Sendable (Level, String) -> Void) {
        self.minimumLevel = minimumLevel
        self.sink = sink
    }

    /// Warnings and errors as `c8 http <level>: <message>` lines on stderr.
    public static let standardError = HTTPServerLog(minimumLevel: .warning) { level, message in
        FileHandle.standardError.write(Data("c8 http \(level): \(message)\n".utf8))
    }

    /// Nothing.
    public static let disabled = HTTPServerLog(minimumLevel: .error) { _, _ in }

    public func callAsFunction(_ level: Level, _ message: @autoclosure () -> String) {
        guard level >= minimumLevel else { return }
        sink(level, message())
    }
}
