import Foundation

/// The console's log, `$XDG_STATE_HOME/c8/c8.log` (else
/// `~/.local/state/c8/c8.log`): the screen is the UI's, so diagnostics go
/// here and never to the terminal.
public final class ConsoleLog: @unchecked Sendable {
    // @unchecked: writes are serialized by `lock`.
    private let handle: FileHandle?
    private let lock = NSLock()
    public let path: String

    public init(path: String) {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        handle = FileHandle(forWritingAtPath: path)
        _ = try? handle?.seekToEnd()
    }

    deinit { try? handle?.close() }

    public static func standardPath(environment: [String: String]) -> String {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return base + "/c8/c8.log"
    }

    public func write(_ message: String) {
        let line = "\(ISO8601DateFormatter().string(from: Date())) \(message)\n"
        lock.lock()
        defer { lock.unlock() }
        handle?.write(Data(line.utf8))
    }
}
