import C8Core
import Foundation

/// What a failing request is told about a server-side failure: the error
/// number and what went wrong, never where — no file system paths (of the
/// data directory, a table file, a certificate) and no dumps of an
/// underlying error's user info.
///
/// Only server errors (5xx) are rewritten: a client error's message is
/// about the request (a collection name, a URL path), which the client
/// sent and may see again.
enum ErrorDisclosure {
    /// An absolute path of two or more components, or `~/…`.
    private static let path = try! NSRegularExpression(pattern: #"(?:~|(?<![\w.:/]))(?:/[^\s/:"'“”,;()\[\]{}<>]+){2,}/?"#)
    /// Foundation's `UserInfo={…}` and `NSUnderlyingError` dumps.
    private static let userInfo = try! NSRegularExpression(pattern: #"\s*UserInfo=\{.*$"#, options: [.dotMatchesLineSeparators])

    /// `error` as it may be sent.
    static func redacted(_ error: C8Error) -> C8Error {
        guard error.code >= 500 else { return error }
        var message = error.message
        message = replace(userInfo, in: message, with: "")
        message = replace(path, in: message, with: "<path>")
        guard message != error.message else { return error }
        return C8Error(code: error.code, errorNum: error.errorNum, message: message)
    }

    private static func replace(_ expression: NSRegularExpression, in text: String, with template: String) -> String {
        expression.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }
}
