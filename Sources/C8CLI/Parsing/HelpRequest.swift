/// The words that ask for help, in one place so the top level and every
/// command agree on them.
enum HelpRequest {
    static let flags: Set<String> = ["-h", "--help"]

    static func isHelpFlag(_ word: String) -> Bool {
        flags.contains(word)
    }
}
