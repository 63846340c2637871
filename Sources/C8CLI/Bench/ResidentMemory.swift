import Foundation

/// This process's resident memory, split as the kernel counts it
/// (`/proc/self/status`): anonymous pages — the heap, what the process
/// itself holds — and pages of mapped files. RocksDB reads its tables
/// through mmap, so every table page a read touches stays resident as a
/// file page: page cache the OS shares and reclaims under pressure, which
/// grows with the data read (paging through 1 M documents: ~200 MB, the
/// size of the table) and says nothing about the console's own memory.
struct ResidentMemory: CustomStringConvertible {
    var anonymous: Double  // MB
    var files: Double      // MB

    static func current() -> ResidentMemory {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
            return ResidentMemory(anonymous: 0, files: 0)
        }
        return ResidentMemory(anonymous: field("RssAnon", in: status), files: field("RssFile", in: status))
    }

    /// A `Name:   N kB` line's value in MB (0 when absent).
    static func field(_ name: String, in status: String) -> Double {
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            let kilobytes = line.dropFirst(name.count + 1).split(whereSeparator: \.isWhitespace).first.flatMap { Double($0) } ?? 0
            return kilobytes / 1024
        }
        return 0
    }

    var description: String {
        String(format: "%.1f MB anonymous resident, %.1f MB of mapped files", anonymous, files)
    }
}
