#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A source of raw bytes read in large chunks: a file, a pipe, or memory.
///
/// Readers hand bytes straight into the caller's buffer, so the import path
/// never builds a `Data` or a `String` for its input.
protocol ByteReader: AnyObject {
    /// Fills the start of `buffer` with the next bytes.
    /// - Returns: how many bytes were read; 0 only at the end of the input.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(CommandFailure) -> Int

    /// The input's total size when it is known up front (a regular file),
    /// so progress can show a percentage and an ETA.
    var knownSize: Int? { get }
}

/// Reads a file descriptor with `read(2)`.
final class FileDescriptorReader: ByteReader {
    private let descriptor: Int32
    private let name: String
    private let closesOnDeinit: Bool
    let knownSize: Int?

    /// - Parameters:
    ///   - name: how errors name the input (a path or "standard input").
    ///   - closesOnDeinit: whether this reader owns the descriptor.
    init(descriptor: Int32, name: String, closesOnDeinit: Bool) {
        self.descriptor = descriptor
        self.name = name
        self.closesOnDeinit = closesOnDeinit
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG {
            knownSize = Int(status.st_size)
        } else {
            knownSize = nil
        }
    }

    /// Opens `path` for reading.
    /// - Throws: `CommandFailure` naming the path and the system's reason.
    convenience init(path: String) throws(CommandFailure) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CommandFailure("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw CommandFailure("cannot read \(path): it is a directory")
        }
        self.init(descriptor: descriptor, name: path, closesOnDeinit: true)
    }

    deinit {
        if closesOnDeinit { close(descriptor) }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(CommandFailure) -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw CommandFailure("cannot read \(name): \(String(cString: strerror(errno)))")
        }
    }
}

/// Serves bytes held in memory, for tests and `StandardInput.bytes`.
final class MemoryReader: ByteReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var knownSize: Int? { bytes.count }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(CommandFailure) -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}
