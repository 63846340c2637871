import C8Core
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One process per data dir: an exclusive `flock` on `<dir>/c8.lock`, which
/// also records the holder's pid so the next process can say who has it.
///
/// The kernel drops the lock when the process dies, so a kill -9 never
/// leaves a stale lock behind.
///
/// A read-only data dir (see ``RocksDBEngine``) is locked shared: readers
/// may share it, a writer on a writable path to the same files may not
/// start beside them. There the lock file is neither created nor written.
final class DataDirLock: @unchecked Sendable {
    private var fd: Int32
    private let shared: Bool

    init(directory: String, shared: Bool = false) throws(C8Error) {
        let path = directory + "/c8.lock"
        self.shared = shared
        fd = shared ? open(path, O_RDONLY | O_CLOEXEC) : open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 && shared && errno == ENOENT { return }  // never opened writable: no one to exclude
        guard fd >= 0 else {
            throw C8Error(.internalError, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        if flock(fd, (shared ? LOCK_SH : LOCK_EX) | LOCK_NB) != 0 {
            let holder = DataDirLock.readPid(fd)
            Glibc.close(fd)
            fd = -1
            let who = holder.map { "pid \($0)" } ?? "another process"
            throw C8Error(.internalError, "data dir \(directory) is in use by \(who)")
        }
        if shared { return }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    func release() {
        guard fd >= 0 else { return }
        if !shared { _ = ftruncate(fd, 0) }
        Glibc.close(fd)
        fd = -1
    }

    deinit { release() }

    private static func readPid(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 31, 0) }
        guard n > 0 else { return nil }
        let text = String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text)
    }
}
