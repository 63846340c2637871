/// A command that was invoked correctly but could not do its job
/// (exit status 1), e.g. an unreachable server or a missing file.
///
/// `CommandLineTool` prints it as one line, `c8 <command>: <message>`, on
/// standard error. Other errors a command throws are printed the same way;
/// this type is for failures the command itself describes.
public struct CommandFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The explanation, without the `c8 <command>: ` prefix.
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    /// For commands whose implementation lands with a later piece of work:
    /// they say so plainly instead of pretending to succeed.
    ///
    /// - Parameter arrival: what arrives and with which piece of work, e.g.
    ///   "the C8 server arrives with the server issue".
    public static func notAvailableYet(_ arrival: String) -> CommandFailure {
        CommandFailure("not available yet — \(arrival)")
    }
}
