/// The variables a COLLECT introduces, while its own expressions are still
/// being read.
///
/// They are not in scope yet, but ArangoDB knows them at that point and
/// rejects their use with 1512 and a message saying which rule was broken,
/// rather than reading the name as a collection. The guard produces those
/// messages.
struct CollectGuard {
    /// Which part of the COLLECT is being read.
    enum Part {
        case groups, aggregates, into
    }

    var part: Part = .groups
    var groups: Set<String> = []
    var aggregates: Set<String> = []

    func contains(_ name: String) -> Bool { groups.contains(name) || aggregates.contains(name) }

    /// The message for using `name` in the current part, or nil when the
    /// name is not one of this COLLECT's variables.
    func violation(using name: String) -> String? {
        switch part {
        case .groups where groups.contains(name),
             .aggregates where aggregates.contains(name):
            return "use of COLLECT variable '\(name)' inside same COLLECT"
        case .aggregates where groups.contains(name):
            return "use of unknown variable '\(name)' in AGGREGATE expression"
        case .into where contains(name):
            return "use of COLLECT variable '\(name)' inside same COLLECT's expression"
        default:
            return nil
        }
    }
}
