#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command's `-` argument reads from: the process's standard input
/// or, in tests, bytes held in memory.
///
/// A value rather than a file handle so that `CommandContext` stays
/// `Sendable` and a test can run `c8 import ... -` in process without
/// touching the test runner's own standard input.
public struct StandardInput: Sendable {
    enum Origin: Sendable {
        case fileDescriptor(Int32)
        case bytes([UInt8])
    }

    let origin: Origin

    /// File descriptor 0 of the process.
    public static let process = StandardInput(origin: .fileDescriptor(STDIN_FILENO))

    /// Input that holds exactly `bytes`.
    public static func bytes(_ bytes: [UInt8]) -> StandardInput {
        StandardInput(origin: .bytes(bytes))
    }

    /// Input that holds the UTF-8 text `text`.
    public static func text(_ text: String) -> StandardInput {
        bytes(Array(text.utf8))
    }

    /// Whether the input is a terminal (someone can be asked there).
    var isTerminal: Bool {
        if case .fileDescriptor(let descriptor) = origin { return isatty(descriptor) == 1 }
        return false
    }

    /// A fresh reader over the input; the process's descriptor is not
    /// closed when the reader goes away.
    func makeReader() -> any ByteReader {
        switch origin {
        case .fileDescriptor(let descriptor):
            return FileDescriptorReader(descriptor: descriptor, name: "standard input", closesOnDeinit: false)
        case .bytes(let bytes):
            return MemoryReader(bytes)
        }
    }
}
