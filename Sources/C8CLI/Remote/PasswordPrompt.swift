#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks for a password on the controlling terminal with echo off, as
/// `sudo` and `psql` do: the password never shows on screen, in the
/// shell's history or in `ps`.
enum PasswordPrompt {
    /// The line typed after `prompt` on `/dev/tty`, without its newline;
    /// nil when there is no terminal to ask on.
    static func ask(_ prompt: String) -> String? {
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard tty >= 0 else { return nil }
        defer { close(tty) }
        show(prompt, on: tty)
        var saved = termios()
        let hasMode = tcgetattr(tty, &saved) == 0
        if hasMode {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            quiet.c_lflag |= tcflag_t(ECHONL)
            tcsetattr(tty, TCSAFLUSH, &quiet)
        }
        defer { if hasMode { tcsetattr(tty, TCSAFLUSH, &saved) } }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while read(tty, &byte, 1) == 1, byte != UInt8(ascii: "\n") {
            if byte != UInt8(ascii: "\r") { line.append(byte) }
        }
        return String(decoding: line, as: UTF8.self)
    }

    private static func show(_ text: String, on descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in _ = bytes.baseAddress.map { write(descriptor, $0, bytes.count) } }
    }
}
