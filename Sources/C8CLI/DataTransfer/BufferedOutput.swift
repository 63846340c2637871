import Foundation

/// An export's destination — a file, or the command's standard output
/// sink — fed in chunks of about 1 MiB so that a large export costs a few
/// hundred writes, not one per document.
///
/// Chunks are only cut between documents, so each chunk is whole UTF-8
/// text even when handed to a `TextSink`.
///
/// A file is written under a temporary name beside it and renamed into
/// place by ``finish()``: an export that fails or is interrupted leaves the
/// file it would have replaced as it was (it used to leave it truncated).
final class BufferedOutput {
    private enum Target {
        /// `path` is where the file ends up; `temporary` what is written.
        case file(descriptor: Int32, path: String, temporary: String)
        case sink(any TextSink)
    }

    static let chunkSize = 1 << 20

    private let target: Target
    private var buffer: [UInt8] = []

    /// Creates (or truncates) the file at `path`.
    init(path: String) throws(CommandFailure) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).c8-export-\(getpid())").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CommandFailure("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        target = .file(descriptor: descriptor, path: path, temporary: temporary)
        buffer.reserveCapacity(Self.chunkSize + Self.chunkSize / 4)
    }

    /// Writes to `sink` (standard output).
    init(sink: any TextSink) {
        target = .sink(sink)
        buffer.reserveCapacity(Self.chunkSize + Self.chunkSize / 4)
    }

    /// Set once the file is in place.
    private var finished = false

    deinit {
        guard case .file(let descriptor, _, let temporary) = target else { return }
        close(descriptor)
        // Not finished: failed or interrupted. The file it would have
        // replaced stays as it was.
        if !finished { unlink(temporary) }
    }

    /// The file written to, or nil for standard output.
    var path: String? {
        if case .file(_, let path, _) = target { return path }
        return nil
    }

    /// Appends one line (a document's JSON text) and a newline.
    func appendLine(_ bytes: [UInt8]) throws(CommandFailure) {
        buffer.append(contentsOf: bytes)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.chunkSize { try flush() }
    }

    /// Writes out what is buffered; for a file, also waits for the disk, so
    /// a finished export is a complete file, then puts it in place.
    func finish() throws(CommandFailure) {
        try flush()
        guard case .file(let descriptor, let path, let temporary) = target else { return }
        if fsync(descriptor) != 0 || rename(temporary, path) != 0 {
            throw CommandFailure("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        finished = true
    }

    private func flush() throws(CommandFailure) {
        guard !buffer.isEmpty else { return }
        switch target {
        case .sink(let sink):
            sink.write(String(decoding: buffer, as: UTF8.self))
        case .file(let descriptor, let path, _):
            let failure = buffer.withUnsafeBytes { bytes -> Int32? in
                var offset = 0
                while offset < bytes.count {
                    let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return errno
                    }
                    offset += written
                }
                return nil
            }
            if let failure {
                throw CommandFailure("cannot write \(path): \(String(cString: strerror(failure)))")
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
