/// A positional argument such as `QUERY` or `FILE`, in the order the
/// command expects them. Only trailing positionals may be optional, which
/// `CommandRegistry.problems()` checks.
public struct PositionalSpec: Sendable, Hashable {
    /// How usage lines and help spell it, e.g. `"FILE"`.
    public let name: String
    /// One line for the arguments table in `--help`.
    public let summary: String
    public let isOptional: Bool

    public init(_ name: String, summary: String, optional: Bool = false) {
        self.name = name
        self.summary = summary
        self.isOptional = optional
    }
}
