import C8Core

extension DocumentCorpus {
    /// Document `i` in about 200 bytes of JSON text, with `_key` `d<i>`:
    /// the shape of the ingest and point-lookup benchmarks, which compare
    /// per-document costs and so want many small documents.
    mutating func compactDocument(_ i: Int) -> JSON {
        let first = pick(Self.firstNames)
        let last = pick(Self.lastNames)
        let (city, lat, lon) = pick(Self.cities)
        let tags = (0..<Int(next() % 3)).map { _ in JSON.string(pick(Self.tags)) }
        let month = 1 + next() % 12, day = 1 + next() % 28
        return [
            "_key": .string("d\(i)"),
            "name": .string("\(first) \(last)"),
            "email": .string("\(first.lowercased()).\(last.lowercased())\(i)@example.com"),
            "age": .int(Int64(18 + next() % 70)),
            "active": .bool(next() & 1 == 0),
            "city": .string(city),
            "geo": [.double(Self.jitter(lat, next())), .double(Self.jitter(lon, next()))],
            "tags": .array(tags),
            "score": .double(Double(next() % 100_000) / 1000),
            "created": .string("20\(10 + next() % 15)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"),
        ]
    }

    /// `degrees` moved by up to 0.1°, kept to four decimals as GPS data is
    /// (dividing an integer keeps the text short: 51.5285, not 51.528499…).
    private static func jitter(_ degrees: Double, _ random: UInt64) -> Double {
        Double(Int((degrees * 10_000).rounded()) + Int(random % 1000) - 500) / 10_000
    }
}
