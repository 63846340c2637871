import C8Cluster
import C8Core
import C8Engine

/// `c8 debug-crash-writer`: the child process of the crash test. Opens the
/// engine on a data dir and writes forever (or `--limit` times) —
/// inserting, updating and removing documents with `waitForSync` — logging
/// each write to stdout before and after (see `CrashWriterRecord`), until
/// the test kills it with SIGKILL. Hidden from `c8 --help`: a test tool.
///
/// Documents carry `seed`, `n`, `uid` (unique index) and `v` (non-unique
/// index), so the test can check every acknowledged content and every
/// index entry against what the data dir holds after the kill.
struct CrashWriterCommand: Command {
    static let name = "debug-crash-writer"
    static let collectionName = "crash"

    static let dataDir = OptionSpec.value(
        "data-dir", "DIR", summary: "Data directory to write to (never the default one)", required: true)
    static let seed = OptionSpec.value(
        "seed", "N", summary: "Seed of the choices, and of the keys' prefix", required: true,
        kind: .integer(0...Int.max))
    static let limit = OptionSpec.value(
        "limit", "N", summary: "Stop after N writes (default: write until killed)", kind: .integer(0...Int.max))

    let spec = CommandSpec(
        name: CrashWriterCommand.name,
        summary: "Write with waitForSync until killed (for crash tests)",
        usage: ["--data-dir DIR --seed N [--limit N]"],
        description: """
            Test tool: writes documents with waitForSync to collection 'crash' \
            of DIR and logs each write before and after it, for a test that \
            kills this process at random moments and then checks the data dir.
            """,
        options: [CrashWriterCommand.dataDir, CrashWriterCommand.seed, CrashWriterCommand.limit])

    /// The one region the writer's data dir holds (a kill may come before
    /// the directory records it, so whoever reopens it names it too).
    static let regionNames = ["us-east"]

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        // One region: the campaign is about the engine's own durability, and
        // whoever reopens the directory opens it as the same one region.
        let federation = try Federation.open(directory: arguments.value(Self.dataDir) ?? "", regionNames: Self.regionNames)
        defer { federation.close() }
        let engine = federation.localRegion.engine
        let collection = try Self.openCollection(in: try engine.fabric())
        let seed = arguments.integer(Self.seed) ?? 0
        var writer = try CrashWriter(collection: collection, seed: UInt64(seed))
        let limit = arguments.integer(Self.limit) ?? Int.max
        for n in 0..<limit {
            let (record, write) = writer.nextWrite(n)
            context.standardOutput.writeLine(record.line)
            try write()
            context.standardOutput.writeLine(CrashWriterRecord.ack.line)
        }
        return ExitStatus.success
    }

    /// The writer's collection with a unique persistent index on `uid`
    /// (which updates change) and a non-unique one on `v`, so the test also
    /// checks index entries against documents. Both steps are idempotent: a
    /// kill between them is finished by the next run.
    private static func openCollection(in fabric: Fabric) throws -> DocumentCollection {
        let collection = try (try? fabric.collection(collectionName)) ?? fabric.createCollection(collectionName)
        try collection.createIndex(["type": "persistent", "fields": ["uid"], "unique": true])
        try collection.createIndex(["type": "persistent", "fields": ["v"]])
        return collection
    }
}

/// The writer's choices: what the collection holds (read back at start, so
/// a restarted writer continues from the crash's state) and a seeded
/// generator that picks the next write.
struct CrashWriter {
    private let collection: DocumentCollection
    private let seed: UInt64
    private var random: SplitMix64
    /// Live keys in a stable order, and their bodies, for picking targets.
    private var keys: [String] = []
    private var bodies: [String: JSONObject] = [:]

    init(collection: DocumentCollection, seed: UInt64) throws {
        self.collection = collection
        self.seed = seed
        random = SplitMix64(seed: seed)
        let scanner = collection.scan()
        while let document = try scanner.next() {
            guard let key = document["_key"].stringValue, var body = document.objectValue else { continue }
            for name in ["_key", "_id", "_rev"] { _ = body.removeValue(forKey: name) }
            keys.append(key)
            bodies[key] = body
        }
    }

    /// The `n`th write: its log record, and the write itself.
    mutating func nextWrite(_ n: Int) -> (CrashWriterRecord, () throws -> Void) {
        var options = WriteOptions()
        options.waitForSync = true
        let collection = self.collection
        let dice = random.next() % 10
        if keys.isEmpty || dice < 5 {
            let key = "s\(seed)-\(n)"
            let padding = String(repeating: "x", count: Int(random.next() % 200))
            let body = JSONObject(uniqueMembers: [
                .init("seed", .int(Int64(seed))), .init("n", .int(Int64(n))), .init("uid", .string(key)), .init("v", 0),
                .init("pad", .string(padding)),
            ])
            remember(key, body)
            var document = body
            document["_key"] = .string(key)
            return (.begin(.insert, key: key, body: .object(body)),
                    { try collection.insert(.object(document), options: options) })
        }
        let index = Int(random.next() % UInt64(keys.count))
        let key = keys[index]
        if dice < 8 {
            let patch = JSONObject(uniqueMembers: [.init("uid", .string("\(key).\(n)")), .init("v", .int(Int64(n)))])
            var body = bodies[key] ?? JSONObject()
            for member in patch.members { body[member.key] = member.value }
            bodies[key] = body
            return (.begin(.update, key: key, body: .object(body)),
                    { try collection.update(DocumentSelector(key: key), with: .object(patch), options: options) })
        }
        keys.swapAt(index, keys.count - 1)
        keys.removeLast()
        bodies[key] = nil
        return (.begin(.remove, key: key, body: nil),
                { try collection.remove(DocumentSelector(key: key), options: options) })
    }

    private mutating func remember(_ key: String, _ body: JSONObject) {
        keys.append(key)
        bodies[key] = body
    }
}
