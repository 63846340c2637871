import C8Client
import C8Cluster
import C8Core

/// `c8 demo`: the multi-region writes demo, told line by line.
public struct DemoCommand: Command {
    public static let name = "demo"

    public let spec = CommandSpec(
        name: DemoCommand.name,
        summary: "Show a write replicating across regions, a partition and its healing",
        usage: [
            "[--regions r1,r2,...]",
            "| --url URL (--api-key KEY | --email EMAIL) [--insecure]",
        ],
        description: """
            Tells the multi-region story in one screen: a document written \
            in one region arrives in the others, each after its link's \
            latency; a partition cuts two regions apart and each writes the \
            same document; the link heals and every region converges on the \
            later write (last writer wins), the conflict counted. \
            It runs on a fresh in-memory federation (us-east, eu-west and \
            ap-south unless --regions names others), or with --url against a \
            C8 endpoint whose API key may drive its simulator (c8 serve). \
            It uses the collection demo_accounts of _system, dropping it first.
            """,
        options: [.regions, .url, .apiKey, .email, .insecure],
        constraints: [.exclusive([.regions, .url])],
        examples: ["c8 demo", "c8 demo --regions us-east,eu-west", "c8 demo --url http://127.0.0.1:8529 --api-key KEY"])

    public init() {}

    public func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let connection: any C8Connection
        if let url = arguments.value(.url), !url.isEmpty {
            connection = try RemoteEndpoint(url: url, arguments: arguments).connect(context: context)
        } else {
            let names = try arguments.regionNames() ?? FederationConfiguration.defaultRegionNames
            connection = try EmbeddedConnection.inMemory(configuration: FederationConfiguration(regionNames: names))
        }
        defer { connection.close() }
        let out = context.standardOutput
        try AsyncBridge.wait { () async throws(C8Error) in
            try await MultiRegionDemo().run(on: connection) { out.writeLine($0) }
        }
        return ExitStatus.success
    }
}
