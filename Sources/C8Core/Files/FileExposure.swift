import Foundation

/// Who besides the owner may reach a file or directory that holds secrets
/// (a TLS private key, a data directory with the token signing secret and
/// the account hashes), judged from its permission bits.
public struct FileExposure: Sendable, Equatable {
    /// The permission bits (`st_mode & 0o7777`).
    public let mode: UInt32

    /// The exposure of `path`, following symbolic links; nil when it does
    /// not exist or cannot be examined.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        mode = UInt32(info.st_mode) & 0o7777
    }

    public init(mode: UInt32) {
        self.mode = mode & 0o7777
    }

    /// Whether group or others have any permission at all.
    public var isShared: Bool { mode & 0o077 != 0 }

    /// `0644`-style, as `chmod` takes it.
    public var octal: String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Creates `path` as a directory only its owner may enter (0700), with
    /// missing parents; an existing directory is left as it is.
    /// - Throws: 500 naming the directory when it cannot be created.
    public static func createPrivateDirectory(_ path: String) throws(C8Error) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw C8Error(.internalError, "cannot create the directory \(path): \(error.localizedDescription)")
        }
    }
}
