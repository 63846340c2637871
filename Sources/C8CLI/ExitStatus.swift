/// The process exit statuses of the command line contract, named so that
/// commands and tests do not pass bare numbers around.
public enum ExitStatus {
    /// The command did its job (including help and version).
    public static let success: Int32 = 0
    /// A runtime error; the message is on standard error.
    public static let failure: Int32 = 1
    /// The command line itself was wrong.
    public static let usage: Int32 = 2
}
