import Foundation

/// The built `c8` executable, for tests that run the real binary.
///
/// SwiftPM puts the `c8` product next to the test bundle (the `.xctest`
/// file on Linux), and the test target depends on `c8`, so it is built first.
enum C8Binary {
    static func url() throws -> URL {
        let testBundle = Bundle(for: TmuxSession.self).bundleURL
        let candidates = [
            testBundle.deletingLastPathComponent(),
            Bundle.main.bundleURL,
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        ].map { $0.appendingPathComponent("c8") }
        guard let found = candidates.first(where: isExecutableFile) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates.map(\.path).joined(separator: ", ")])
        }
        return found
    }

    /// A regular executable file, not a directory (which also has the x bit).
    static func isExecutableFile(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: url.path)
    }
}
