import C8Engine

/// Options several commands share. Declared once so `console`, `query`,
/// `import` and `export` describe and resolve them identically, including
/// their environment fallbacks.
extension OptionSpec {
    public static let dataDir = OptionSpec.value(
        "data-dir", "DIR",
        summary: "Data directory of the embedded engine (default: $XDG_DATA_HOME/c8, "
            + "or ~/.local/share/c8); created on first use (the console seeds a new one with demo data)",
        environment: "C8_DATA_DIR")

    public static let url = OptionSpec.value(
        "url", "URL",
        summary: "Talk to a remote C8 endpoint instead of the embedded engine, "
            + "e.g. https://api-gdn.example.com",
        environment: "C8_URL")

    public static let apiKey = OptionSpec.value(
        "api-key", "KEY",
        summary: "API key for the endpoint given with --url",
        environment: "C8_API_KEY")

    public static let email = OptionSpec.value(
        "email", "EMAIL",
        summary: "Log in to the endpoint given with --url as this user instead of with an API key; "
            + "the password comes from C8_PASSWORD, or is asked for on the terminal",
        environment: "C8_EMAIL")

    public static let insecure = OptionSpec.flag(
        "insecure",
        summary: "With an https --url: do not verify the server's certificate (encrypted, but anyone could be the server)")

    /// The embedded federation's regions; a data directory remembers its own.
    public static let regions = OptionSpec.value(
        "regions", "r1,r2,...",
        summary: "Regions of the embedded federation, the local one first (default: the data "
            + "directory's, or us-east,eu-west,ap-south on first start; one name = one region, no replication)")

    /// The bounds of each region's caches (``EngineLimits``): an embedded
    /// federation runs every region's engine in this process, so they add up.
    public static let documentCache = OptionSpec.value(
        "document-cache", "BYTES",
        summary: "Bytes of documents each region's engine keeps in memory, ready to read (default 256 MiB; 0 turns the cache off)",
        kind: .integer(0...Int.max))

    public static let edgeCache = OptionSpec.value(
        "edge-cache", "BYTES",
        summary: "Bytes of edge lists each region's engine keeps in memory for graph walks (default 64 MiB; 0 turns the cache off)",
        kind: .integer(0...Int.max))

    public static let fabric = OptionSpec.value(
        "fabric", "F",
        summary: "Geo fabric (database) to work in (default: _system)")

    /// A collection name; import and export cannot guess it, hence required.
    public static let collection = OptionSpec.value(
        "collection", "C",
        summary: "Name of the collection",
        required: true)
}

extension ParsedArguments {
    /// `--regions` as names (blanks around commas dropped); nil when unset.
    /// - Throws: ``UsageError`` when it names no region.
    func regionNames() throws -> [String]? {
        guard let text = value(.regions) else { return nil }
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw UsageError.invalid("--regions names no region") }
        return names
    }
}

extension ParsedArguments {
    /// The engine's limits with `--document-cache` and `--edge-cache` over
    /// their defaults.
    func engineLimits() -> EngineLimits {
        var limits = EngineLimits()
        if let bytes = integer(.documentCache) { limits.documentCacheBytes = bytes }
        if let bytes = integer(.edgeCache) { limits.edgeCacheBytes = bytes }
        return limits
    }
}

extension OptionConstraint {
    /// The embedded engine and a remote endpoint are alternatives; the usage
    /// line spells this `[--data-dir DIR | --url URL --api-key KEY]`.
    public static let embeddedOrRemote = OptionConstraint.exclusive([.dataDir, .url])
}
