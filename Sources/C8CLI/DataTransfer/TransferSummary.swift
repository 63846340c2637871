/// The closing line of an import or export: what moved, how long it took,
/// how fast — e.g. `imported 1,000 documents into users in 0.12 s
/// (8,333 docs/s), skipped 2`.
struct TransferSummary: CustomStringConvertible {
    /// "imported" or "exported".
    var verb: String
    var documents: Int
    /// "into users", "from users to users.jsonl".
    var place: String
    var seconds: Double
    /// Bad lines left out by `--skip-errors`.
    var skipped = 0

    var description: String {
        let noun = documents == 1 ? "document" : "documents"
        var text = "\(verb) \(NumberText.count(documents)) \(noun) \(place) in \(NumberText.seconds(seconds)) "
            + "(\(NumberText.rate(documents, seconds: seconds)) docs/s)"
        if skipped > 0 { text += ", skipped \(NumberText.count(skipped))" }
        return text
    }
}
