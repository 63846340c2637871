import C8Core

/// The demo data a new user sees on first start of the embedded default:
/// `users` (nested attributes), `cities` (with a geo index), `knows` edges
/// in the graph `social`, the key/value collection `sessions`, two saved
/// queries, and the global stream `ticks` (``DemoTraffic`` publishes on it
/// while the console runs). Deterministic, and written through the connection like
/// any other client would.
public enum DemoData {
    public static let userCount = 240
    /// The demo stream's name (topic `c8globals.ticks`).
    public static let tickStream = "ticks"

    /// Seeds `fabric` unless it already has collections of its own.
    /// - Returns: false when the fabric was not empty (nothing written).
    @discardableResult
    public static func seedIfEmpty(_ connection: any C8Connection, fabric: String = "_system") async throws(C8Error) -> Bool {
        let existing = try await connection.collections(in: fabric).filter { !$0.isSystem }
        guard existing.isEmpty else { return false }
        try await seed(connection, fabric: fabric)
        return true
    }

    public static func seed(_ connection: any C8Connection, fabric: String) async throws(C8Error) {
        _ = try await connection.createCollection("cities", in: fabric, options: [:])
        _ = try await connection.createIndex(on: "cities", in: fabric, definition: ["type": "geo", "fields": ["location"], "geoJson": false])
        _ = try await connection.createGraph(
            ["name": "social", "edgeDefinitions": [["collection": "knows", "from": ["users"], "to": ["users"]]]], in: fabric)
        _ = try await connection.createIndex(on: "users", in: fabric, definition: ["type": "persistent", "fields": ["address.city"]])
        _ = try await connection.createIndex(on: "users", in: fabric, definition: ["type": "persistent", "fields": ["email"], "unique": true])
        _ = try await connection.createCollection("sessions", in: fabric, options: ["collectionModel": "KV"])

        try await insert(cities, into: "cities", connection, fabric)
        try await insert(users(), into: "users", connection, fabric)
        try await insert(friendships(), into: "knows", connection, fabric)
        try await insert((0..<20).map { i in
            ["_key": .string("s\(i)"), "value": ["user": .string("u\(i * 7 % userCount)"), "cart": .int(Int64(i % 4))], "expireAt": -1]
        }, into: "sessions", connection, fabric)

        try await connection.saveQuery(
            name: "usersByCity", text: "FOR u IN users FILTER u.address.city == @city SORT u.name.last RETURN u",
            parameters: ["city": "Zürich"], in: fabric)
        try await connection.saveQuery(
            name: "friendsOf", text: "FOR v IN 1..2 OUTBOUND CONCAT('users/', @user) GRAPH 'social' RETURN DISTINCT v.name",
            parameters: ["user": "u0"], in: fabric)
        _ = try await connection.createStream(tickStream, local: false, in: fabric)
    }

    private static func insert(_ documents: [JSON], into collection: String, _ connection: any C8Connection, _ fabric: String) async throws(C8Error) {
        _ = try await connection.query(
            QueryRequest(query: "FOR d IN @docs INSERT d INTO @@c", bindVariables: ["docs": .array(documents), "@c": .string(collection)]),
            in: fabric)
    }

    /// Name, key (keys are ASCII), country, latitude, longitude.
    static let cityTable: [(String, String, String, Double, Double)] = [
        ("Zürich", "zurich", "CH", 47.3769, 8.5417), ("London", "london", "GB", 51.5074, -0.1278),
        ("New York", "new-york", "US", 40.7128, -74.006), ("São Paulo", "sao-paulo", "BR", -23.5505, -46.6333),
        ("東京", "tokyo", "JP", 35.6762, 139.6503), ("Lagos", "lagos", "NG", 6.5244, 3.3792),
        ("Mumbai", "mumbai", "IN", 19.076, 72.8777), ("Berlin", "berlin", "DE", 52.52, 13.405),
        ("Sydney", "sydney", "AU", -33.8688, 151.2093), ("Paris", "paris", "FR", 48.8566, 2.3522),
        ("Toronto", "toronto", "CA", 43.6532, -79.3832), ("Singapore", "singapore", "SG", 1.3521, 103.8198),
    ]

    static var cities: [JSON] {
        cityTable.map { name, key, country, lat, lon in
            ["_key": .string(key), "name": .string(name), "country": .string(country), "location": [.double(lat), .double(lon)]]
        }
    }

    private static let first = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Dennis",
                                "Zoë", "José", "Søren", "Łukasz", "Ngozi", "Mei", "Yūki", "Olumide", "Ana", "Björn"]
    private static let last = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton",
                               "Ritchie", "Müller", "García", "Kierkegaard", "Nowak", "Okafor", "Chen", "Tanaka", "Adeyemi"]
    private static let tags = ["admin", "beta", "premium", "trial", "vip", "support", "eu", "us", "apac"]

    static func users() -> [JSON] {
        (0..<userCount).map { i in
            let city = cityTable[(i * 7) % cityTable.count]
            let firstName = first[i % first.count]
            let lastName = last[(i * 3) % last.count]
            return [
                "_key": .string("u\(i)"),
                "name": ["first": .string(firstName), "last": .string(lastName)],
                "email": .string("\(firstName.lowercased()).\(lastName.lowercased()).\(i)@example.com"),
                "age": .int(Int64(18 + (i * 13) % 60)),
                "active": .bool(i % 5 != 0),
                // Two different tags: the second is 1–8 places after the first.
                "tags": .array([tags[i % tags.count], tags[(i + 1 + (i * 5) % (tags.count - 1)) % tags.count]].map { .string($0) }),
                "address": ["city": .string(city.0), "country": .string(city.2), "zip": .string(String(1000 + (i * 37) % 9000))],
                "balance": .double(Double((i * 7919) % 100_000) / 100),
                "joined": .string("20\(15 + i % 10)-\(String(format: "%02d", 1 + i % 12))-\(String(format: "%02d", 1 + i % 28))T09:00:00Z"),
            ]
        }
    }

    static func friendships() -> [JSON] {
        (0..<userCount).flatMap { i in
            [1, 7, 31].map { step in
                let j = (i + step) % userCount
                return ["_key": .string("u\(i)-u\(j)"), "_from": .string("users/u\(i)"), "_to": .string("users/u\(j)"),
                        "since": .int(Int64(2010 + (i + step) % 14))] as JSON
            }
        }
    }
}
