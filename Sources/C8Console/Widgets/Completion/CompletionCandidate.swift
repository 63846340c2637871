/// One thing the completion pop-up offers.
public struct CompletionCandidate: Hashable, Sendable, CustomStringConvertible {
    /// Where a candidate comes from; also the tie-break order of the ranking.
    public enum Kind: Int, Hashable, Sendable, CaseIterable {
        case keyword, collection, attribute, function

        /// The short tag shown at the right of the pop-up.
        public var tag: String {
            switch self {
            case .keyword: "kw"
            case .collection: "coll"
            case .attribute: "attr"
            case .function: "fn"
            }
        }
    }

    /// The word as the catalogue spells it (`FILTER`, `LENGTH`, `users`).
    public var name: String
    public var kind: Kind
    /// What accepting inserts in place of the typed prefix: the name in the
    /// typed case for keywords and functions, with `(` after functions.
    public var insertion: String

    public init(name: String, kind: Kind, insertion: String? = nil) {
        self.name = name
        self.kind = kind
        self.insertion = insertion ?? (kind == .function ? name + "(" : name)
    }

    /// What the pop-up shows: the insertion (so functions read `LENGTH(`).
    public var label: String { insertion }

    public var description: String { "\(label) [\(kind.tag)]" }
}
