import Foundation

/// Writes straight to a file descriptor (1 or 2) with `write(2)`, unbuffered,
/// so lines appear immediately and nothing is lost when `exit()` runs.
public struct StandardStreamSink: TextSink {
    private let fileDescriptor: Int32

    public static let standardOutput = StandardStreamSink(fileDescriptor: STDOUT_FILENO)
    public static let standardError = StandardStreamSink(fileDescriptor: STDERR_FILENO)

    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    public var isTerminal: Bool { isatty(fileDescriptor) == 1 }

    public func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { buffer in
                Foundation.write(fileDescriptor, buffer.baseAddress, buffer.count)
            }
            if written > 0 {
                bytes = bytes.dropFirst(written)
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return  // closed pipe or full disk: nothing useful left to do
            }
        }
    }
}
