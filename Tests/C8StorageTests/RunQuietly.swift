import Foundation

/// Runs a system tool (mount, umount) with its output discarded; its exit
/// status, or -1 when it could not be started. For the tests that need a
/// read-only or full file system under a store.
@discardableResult
func runQuietly(_ executable: String, _ arguments: [String]) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
}
