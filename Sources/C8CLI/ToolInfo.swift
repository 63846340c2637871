/// Facts about `c8` itself, shown by `c8 --help` and `c8 --version`.
public enum ToolInfo {
    public static let name = "c8"
    public static let version = "0.1.0"

    /// The headline of `c8 --help`.
    static let summary = "terminal console for a geo-distributed, multi-model database"

    /// The opening paragraph of `c8 --help`: what c8 is and the ways to use
    /// it, for someone who has never seen it.
    static let description = """
        c8 is a terminal console and embedded engine for a geo-distributed, \
        multi-model database in the style of Macrometa C8: documents, \
        key/value, graphs, streams and saved queries, replicated across \
        regions. Run bare 'c8' to open the console on an embedded database \
        (three simulated regions and demo data, kept under $XDG_DATA_HOME/c8 \
        or ~/.local/share/c8), or point it at a remote C8 endpoint with --url \
        and --api-key. 'c8 serve' offers the same data over the C8 REST API, \
        and query, import and export script it from the shell.
        """

    /// The tool's synopsis lines, each an alternative, after `c8 `.
    static let usage = [
        "[COMMAND [OPTIONS] [ARGUMENTS]]",
        "--help | --version",
    ]
}
