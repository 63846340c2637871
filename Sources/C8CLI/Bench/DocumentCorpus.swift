import C8Core

/// Deterministic, realistic documents for benchmarks: users with nested
/// addresses, coordinates, tags, dates, money, text with escapes and
/// non-ASCII — the shapes a document store sees.
struct DocumentCorpus {
    private var random: SplitMix64

    init(seed: UInt64 = 0xC8) { random = SplitMix64(seed: seed) }

    static let firstNames = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Dennis",
                             "Zoë", "José", "Søren", "Łukasz", "Ngozi", "Mei", "Yūki", "Olumide", "Ana", "Björn"]
    static let lastNames = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton",
                            "Ritchie", "Müller", "García", "Kierkegaard", "Nowak", "Okafor", "Chen", "Tanaka", "Adeyemi"]
    static let cities: [(String, Double, Double)] = [
        ("Zürich", 47.3769, 8.5417), ("New York", 40.7128, -74.006), ("São Paulo", -23.5505, -46.6333),
        ("東京", 35.6762, 139.6503), ("London", 51.5074, -0.1278), ("Lagos", 6.5244, 3.3792),
        ("Mumbai", 19.076, 72.8777), ("Berlin", 52.52, 13.405), ("Sydney", -33.8688, 151.2093), ("Paris", 48.8566, 2.3522),
    ]
    static let tags = ["admin", "beta", "premium", "trial", "churned", "vip", "support", "eu", "us", "apac"]
    static let phrases = ["Loves \"quoted\" text", "tabs\tand\nnewlines", "emoji 😀🚀", "plain words here",
                          "back\\slash", "mixed: ü ö ä ß", "中文文本", "a longer sentence about databases and replication"]

    mutating func next() -> UInt64 { random.next() }

    mutating func pick<T>(_ values: [T]) -> T { values[Int(next() % UInt64(values.count))] }

    /// The document number `i`.
    mutating func document(_ i: Int) -> JSON {
        let first = pick(Self.firstNames)
        let last = pick(Self.lastNames)
        let (city, lat, lon) = pick(Self.cities)
        var tags: [JSON] = []
        for _ in 0..<Int(next() % 4) { tags.append(.string(pick(Self.tags))) }
        let friends = (0..<Int(next() % 6)).map { _ in JSON.int(Int64(next() % 1_000_000)) }
        let day = 1 + Int(next() % 28)
        let month = 1 + Int(next() % 12)
        let created = "20\(10 + next() % 15)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)T\(next() % 24):\(10 + next() % 50):\(10 + next() % 50).\(100 + next() % 900)Z"
        return [
            "_key": .string("u\(i)"),
            "name": ["first": .string(first), "last": .string(last)],
            "email": .string("\(first.lowercased()).\(last.lowercased())\(i)@example.com"),
            "age": .int(Int64(18 + next() % 70)),
            "active": .bool(next() & 1 == 0),
            "balance": .double(Double(next() % 10_000_000) / 100),
            "score": .double(Double(next() % 1_000_000) / 1_000_000),
            "tags": .array(tags),
            "address": [
                "street": .string("\(1 + next() % 200) Main Street"),
                "city": .string(city),
                "zip": .string(String(10_000 + next() % 90_000)),
                "geo": [.double(lat + Double(next() % 1000) / 10_000), .double(lon - Double(next() % 1000) / 10_000)],
            ],
            "created": .string(created),
            "bio": .string(pick(Self.phrases)),
            "friends": .array(friends),
            "prefs": ["theme": .string(next() & 1 == 0 ? "dark" : "light"),
                      "notifications": ["email": .bool(next() & 1 == 0), "sms": .bool(next() & 3 == 0)]],
            "manager": next() % 5 == 0 ? .null : .string("u\(next() % UInt64(i + 1))"),
        ]
    }

    /// A JSON array of documents of at least `bytes` bytes of text.
    mutating func arrayText(atLeast bytes: Int) -> (text: [UInt8], documents: Int) {
        var writer = JSONWriter(capacity: bytes + bytes / 8)
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(bytes + 4096)
        var i = 0
        while out.count < bytes {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            writer.write(document(i))
            out.append(contentsOf: writer.finish())
            i += 1
        }
        out.append(UInt8(ascii: "]"))
        return (out, i)
    }
}
