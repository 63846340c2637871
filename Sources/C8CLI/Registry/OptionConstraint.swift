/// A rule between several options of one command, so the bracket groups of
/// the usage line (`[--data-dir DIR | --url URL ...]`, `[--tls-port P
/// --tls-cert F --tls-key F]`) are enforced by the parser rather than
/// re-checked by hand in every command.
public enum OptionConstraint: Sendable, Hashable {
    /// At most one of these may be in effect.
    ///
    /// A flag given on the command line also silences the environment
    /// fallbacks of the others, so `C8_URL` in the shell does not clash with
    /// an explicit `--data-dir`.
    case exclusive([OptionSpec])
    /// All of these or none of them.
    case together([OptionSpec])

    /// The options the rule mentions.
    public var options: [OptionSpec] {
        switch self {
        case .exclusive(let options), .together(let options): return options
        }
    }
}
