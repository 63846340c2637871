import C8Core
import C8Storage

extension DocumentCollection {
    /// Checks that the stored index entries and shard counts agree with the
    /// stored documents (what crash tests and `fsck`-style tools ask).
    /// Returns one line per disagreement; empty when consistent.
    public func verifyConsistency() throws(C8Error) -> [String] {
        try writer.withLock { () throws(C8Error) in
            let (indexes, counts, shardKeys) = meta.withLock { ($0.indexes, $0.shardCounts, $0.properties.shardKeys) }
            var expected: [UInt64: Set<[UInt8]>] = [:]
            var expectedCounts = Array(repeating: 0, count: Sharding.shardCount)
            var problems: [String] = []
            let documents = storage.makeIterator(KeySpace.documents(of: objectId), reverse: false)
            let keyOffset = KeySpace.documents(of: objectId).lowerBound.count
            while documents.next() {
                let key = String(decoding: UnsafeBufferPointer(rebasing: documents.key[keyOffset...]), as: UTF8.self)
                let document: JSON
                do { document = try BinaryJSON.decode(buffer: documents.value) } catch {
                    problems.append("document \(key) does not decode: \(error)")
                    continue
                }
                expectedCounts[Sharding.shard(of: document, shardKeys: shardKeys)] += 1
                for index in indexes {
                    for entry in index.entries(for: document, key: key) {
                        expected[index.definition.objectId, default: []].insert(entry.key)
                    }
                }
            }
            for index in indexes {
                var actual = Set<[UInt8]>()
                storage.scan(KeySpace.indexEntries(of: index.definition.objectId)) { key, _ in
                    actual.insert(Array(key))
                    return true
                }
                let wanted = expected[index.definition.objectId] ?? []
                let missing = wanted.subtracting(actual).count
                let extra = actual.subtracting(wanted).count
                if missing > 0 || extra > 0 {
                    problems.append("index \(index.definition.name): \(missing) entries missing, \(extra) entries without a document")
                }
            }
            if counts != expectedCounts {
                problems.append("shard counts \(counts.reduce(0, +)) disagree with \(expectedCounts.reduce(0, +)) stored documents")
            }
            return problems
        }
    }
}
