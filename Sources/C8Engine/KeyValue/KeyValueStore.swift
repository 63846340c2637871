import C8Core
import Foundation

/// The key/value API over a collection with `collectionModel: "KV"`.
///
/// Pairs are documents `{_key, value, expireAt}`. Expired pairs are invisible
/// to reads at once and removed by the background reaper shortly after.
public struct KeyValueStore: Sendable {
    public let collection: DocumentCollection
    /// Unix seconds now; injectable for tests.
    let now: @Sendable () -> Double

    public init(_ collection: DocumentCollection, now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) throws(C8Error) {
        guard collection.properties.model == .keyValue else {
            throw C8Error(.collectionTypeMismatch, "\(collection.name) is not a key/value collection")
        }
        self.collection = collection
        self.now = now
    }

    /// Upserts pairs; one result per pair (`_oldRev` when it replaced one).
    public func set(_ pairs: [KeyValuePair], waitForSync: Bool = false) throws(C8Error) -> [Result<DocumentResult, C8Error>] {
        var options = WriteOptions()
        options.overwriteMode = .replace
        options.waitForSync = waitForSync
        return try collection.insert(many: pairs.map(\.document), options: options)
    }

    /// The pair under `key`, unless missing or expired.
    public func get(_ key: String) throws(C8Error) -> KeyValuePair? {
        guard let document = try collection.document(key), let pair = KeyValuePair(document: document) else { return nil }
        return pair.isExpired(at: now()) ? nil : pair
    }

    /// Removes one pair. - Throws: 1202 when missing.
    public func remove(_ key: String) throws(C8Error) {
        try collection.remove(DocumentSelector(key: key))
    }

    /// Removes up to 1000 pairs; missing keys are skipped. Returns how many went.
    public func remove(_ keys: [String]) throws(C8Error) -> Int {
        guard keys.count <= 1000 else { throw C8Error(.badParameter, "at most 1000 keys per request") }
        return try collection.remove(many: keys.map { .string($0) }).filter { (try? $0.get()) != nil }.count
    }

    /// Keys in byte order (or reverse), skipping `offset`, at most `limit`.
    public func keys(offset: Int = 0, limit: Int = 20, descending: Bool = false) throws(C8Error) -> [String] {
        try page(offset: offset, limit: limit, descending: descending).map(\.key)
    }

    /// Pairs for the given keys (at most 100), or a page of all pairs.
    public func values(keys: [String]? = nil, offset: Int = 0, limit: Int = 20) throws(C8Error) -> [KeyValuePair] {
        if let keys {
            guard keys.count <= 100 else { throw C8Error(.badParameter, "at most 100 keys per request") }
            var result: [KeyValuePair] = []
            for key in keys { if let pair = try get(key) { result.append(pair) } }
            return result
        }
        return try page(offset: offset, limit: limit, descending: false)
    }

    /// Pairs stored, not counting expired ones still waiting for the reaper.
    public func count() throws(C8Error) -> Int {
        guard collection.properties.expiration else { return collection.count }
        var n = 0
        let scanner = collection.scan()
        let t = now()
        while let document = try scanner.next() {
            if let pair = KeyValuePair(document: document), !pair.isExpired(at: t) { n += 1 }
        }
        return n
    }

    public func truncate() throws(C8Error) {
        try collection.truncate()
    }

    private func page(offset: Int, limit: Int, descending: Bool) throws(C8Error) -> [KeyValuePair] {
        guard offset >= 0, limit >= 0 else { throw C8Error(.badParameter, "offset and limit must not be negative") }
        let scanner = collection.scan(reverse: descending)
        let t = now()
        var skipped = 0
        var result: [KeyValuePair] = []
        while result.count < limit, let document = try scanner.next() {
            guard let pair = KeyValuePair(document: document), !pair.isExpired(at: t) else { continue }
            if skipped < offset {
                skipped += 1
                continue
            }
            result.append(pair)
        }
        return result
    }
}
