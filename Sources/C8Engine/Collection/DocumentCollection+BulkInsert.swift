import C8Core
import C8Storage

/// What ``DocumentCollection/bulkInsert(_:options:)`` may do.
public struct BulkInsertOptions: Sendable {
    /// Drop the documents an insert would refuse and report them in
    /// ``BulkInsertResult/skipped``, instead of refusing the whole load.
    public var skipErrors = false
    /// Run every check and write nothing: the result (or the error) says
    /// what a real load would do. An import uses it to find a refused
    /// document ahead of a syntax error further on.
    public var validateOnly = false
    /// Accept user keys where the key generator forbids them and with
    /// custom shard keys, as ``WriteOptions/isRestore`` does (restores).
    public var isRestore = false
    /// Makes the fallback path (a collection that is not empty) wait for
    /// the write-ahead log to be synced; the bulk path is always durable
    /// when it returns.
    public var waitForSync = false

    public init() {}
}

/// A document a bulk insert refused: its position in the input and why.
public struct BulkInsertFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// 0-based position in the array given to `bulkInsert`.
    public var index: Int
    /// The error `insert` would have thrown for it.
    public var error: C8Error

    public init(index: Int, error: C8Error) {
        self.index = index
        self.error = error
    }

    public var description: String { "item \(index): \(error)" }

    /// What `bulkInsert` throws: the item's error with its message prefixed
    /// by the item, and this failure as the underlying error.
    var thrown: C8Error {
        C8Error(code: error.code, errorNum: error.errorNum, message: "item \(index): \(error.message)", underlying: self)
    }
}

extension C8Error {
    /// The refused item of an error thrown by `bulkInsert`, with the error
    /// `insert` would have thrown for it; nil for any other error.
    public var bulkInsertFailure: BulkInsertFailure? { underlying as? BulkInsertFailure }
}

/// What a bulk insert did.
public struct BulkInsertResult: Sendable, Equatable {
    /// Documents written (or, with `validateOnly`, that would be).
    public var inserted: Int
    /// Documents refused, in input order (only with `skipErrors`).
    public var skipped: [BulkInsertFailure]
    /// True when the documents were ingested as sorted tables (the
    /// collection was empty); false when they went through the ordinary
    /// transactional write path.
    public var ingested: Bool

    public init(inserted: Int, skipped: [BulkInsertFailure], ingested: Bool) {
        self.inserted = inserted
        self.skipped = skipped
        self.ingested = ingested
    }
}

extension DocumentCollection {
    /// Inserts many documents at once, all or nothing — the loader behind
    /// `c8 import`.
    ///
    /// Into an **empty** collection (checked under the writer lock: no
    /// documents counted and no document or index entry stored) it builds
    /// every document's stored form, index entries, shard counts and key
    /// generator state in memory — encoding on every core — sorts them into
    /// one run and hands that to ``StorageEngine/ingest(_:)``, which RocksDB
    /// writes as table files (one per core) and links into the tree in one
    /// atomic step, without the write-ahead log or the memtable.
    /// An empty collection is what makes that correct: ingestion overwrites,
    /// and nothing is there to overwrite. Every document is checked exactly
    /// as ``insert(_:options:)`` checks it, with the same errors: not an
    /// object (1227), `_key` rules, generator and shard keys (1221, 1222,
    /// 1466), edge `_from`/`_to` (1233), size (1216), a `_key` or unique
    /// index value taken by an earlier document of the batch (1210).
    ///
    /// Into a collection that is **not empty** it falls back to the
    /// ordinary write path, with the same contract: one ``WriteTransaction``
    /// that inserts the documents in order and commits them in one batch,
    /// or aborts on the first refused one. Slower (each document reads
    /// storage to check its key), never wrong.
    ///
    /// The documents, their stored forms and their index entries are all
    /// held in memory until the load ends; callers with more documents than
    /// memory should load in slices (the first into the empty collection).
    ///
    /// - Throws: for the first refused document (in input order), its error
    ///   with the message prefixed by `item N: ` and a ``BulkInsertFailure``
    ///   naming it as ``C8Error/bulkInsertFailure``; nothing is written.
    ///   With `skipErrors`, refused documents are reported in the result
    ///   instead and the rest is written. 1203 when the collection was
    ///   dropped; storage errors (nothing is written then either).
    public func bulkInsert(_ documents: [JSON], options: BulkInsertOptions = BulkInsertOptions()) throws(C8Error)
        -> BulkInsertResult {
        try bulkInsert(count: documents.count, options: options, encoded: { EncodedDocuments(encoding: documents) },
                       document: { index throws(C8Error) in documents[index] })
    }

    /// ``bulkInsert(_:options:)`` of documents already in binary form —
    /// each the ``BinaryJSON`` encoding of the value an insert would get,
    /// as `c8 import` transcodes them from JSON text without building
    /// trees. The same checks, errors, stored bytes and index entries.
    /// A document whose bytes are not well-formed BinaryJSON is refused
    /// with an internal error naming the corruption.
    public func bulkInsert(encoded documents: EncodedDocuments, options: BulkInsertOptions = BulkInsertOptions())
        throws(C8Error) -> BulkInsertResult {
        try bulkInsert(count: documents.count, options: options, encoded: { documents }) { index throws(C8Error) in
            do throws(BinaryJSONError) { return try documents.document(at: index) } catch { throw C8Error(error) }
        }
    }

    /// Ingests into an empty collection (the documents as `encoded()`
    /// gives them) or inserts one by one (as `document(i)` gives them).
    private func bulkInsert(
        count: Int, options: BulkInsertOptions, encoded: () -> EncodedDocuments,
        document: (Int) throws(C8Error) -> JSON
    ) throws(C8Error) -> BulkInsertResult {
        let ingested = try writer.withLock { () throws(C8Error) -> BulkInsertResult? in
            let m = try checkedMeta()
            // Streams hear every insert as it happens: no ingest for
            // collections they listen to. Replication hears an ingested
            // load afterwards, read back from the collection.
            let listened = m.properties.changeScope.intersection(context.changeListeners.listenedScopes)
            guard !listened.contains(.streamed), isEmptyForIngest(m) else { return nil }
            let result = try ingestIntoEmpty(encoded(), meta: m, options: options)
            if listened.contains(.replicated), !options.validateOnly, result.inserted > 0 { try reportIngested() }
            return result
        }
        if let ingested { return ingested }
        return try insertTransactionally(count: count, document: document, options: options)
    }

    /// Tells the replication listeners about every document of the
    /// collection — all just ingested into it, empty before — in commits
    /// of a few thousand, still under the writer lock (so they come before
    /// any later change).
    private func reportIngested() throws(C8Error) {
        let name = self.name
        let scanner = scan()
        var changes: [CollectionChange] = []
        changes.reserveCapacity(Self.ingestReportChunk)
        func flush() {
            context.changeListeners.notify(changes, scope: .replicated)
            changes.removeAll(keepingCapacity: true)
        }
        while let document = try scanner.next() {
            let key = document["_key"].stringValue ?? ""
            let revision = document["_rev"].stringValue.flatMap(Revision.init(validating:))?.timestamp ?? .zero
            changes.append(CollectionChange(tenant: tenant, fabric: fabric, collection: name, kind: .insert, key: key,
                                            document: document, revision: revision))
            if changes.count == Self.ingestReportChunk { flush() }
        }
        if !changes.isEmpty { flush() }
    }

    static let ingestReportChunk = 4096

    /// No documents counted, and none (nor any index entry) stored.
    private func isEmptyForIngest(_ m: Meta) -> Bool {
        guard m.shardCounts.allSatisfy({ $0 == 0 }) else { return false }
        if storage.makeIterator(KeySpace.documents(of: objectId), reverse: false).next() { return false }
        for index in m.indexes
        where storage.makeIterator(KeySpace.indexEntries(of: index.definition.objectId), reverse: false).next() {
            return false
        }
        return true
    }

    /// The fallback: one transaction, inserted in order, committed whole.
    private func insertTransactionally(
        count: Int, document: (Int) throws(C8Error) -> JSON, options: BulkInsertOptions
    ) throws(C8Error) -> BulkInsertResult {
        let transaction = try WriteTransaction([self])
        var writeOptions = WriteOptions()
        writeOptions.silent = true
        writeOptions.isRestore = options.isRestore
        var skipped: [BulkInsertFailure] = []
        for index in 0..<count {
            do throws(C8Error) {
                _ = try transaction.insert(try document(index), into: self, options: writeOptions)
            } catch {
                let failure = BulkInsertFailure(index: index, error: error)
                guard options.skipErrors else {
                    transaction.abort()
                    throw failure.thrown
                }
                skipped.append(failure)
            }
        }
        if options.validateOnly {
            transaction.abort()
        } else {
            try transaction.commit(sync: options.waitForSync)
        }
        return BulkInsertResult(inserted: count - skipped.count, skipped: skipped, ingested: false)
    }

    // MARK: - The bulk path

    /// Builds, checks, sorts and ingests; the writer lock is held.
    ///
    /// The items are read in their binary form: the checks walk an item's
    /// members without decoding them, and its stored form is assembled
    /// from its `_key`, `_rev` and the body's member bytes as they are.
    ///
    /// 1. On every core, in chunks of items: each item's object check and
    ///    the checks of the `_key` it brings; an item with its own `_key` is
    ///    built right away — edge check, stored form with a revision from a
    ///    block reserved on the clock, BinaryJSON packed into the chunk's
    ///    arena, size check, index entries, shard.
    /// 2. In input order (the key generator is sequential): user keys are
    ///    tracked and missing ones generated — on a scratch copy of the
    ///    generator, which becomes the collection's only if the load
    ///    succeeds. This pass reads the keys only, not the documents.
    /// 3. On every core, the items that got a generated key are built.
    ///    Each chunk sorts its entries.
    /// 4. One merge of the chunks' sorted entries into a ``SortedEntries``,
    ///    which finds any repeated key — a duplicate `_key` or unique index
    ///    value — as neighbours. Only when something was refused or repeats
    ///    does a sequential pass (`resolve`) decide, exactly as a sequence
    ///    of inserts would, which item fails first (or which to skip).
    /// 5. Shard counters and the key generator's state are appended (their
    ///    key ranges sort after documents and index entries), the run is
    ///    ingested, and the in-memory counts and generator updated.
    private func ingestIntoEmpty(_ documents: EncodedDocuments, meta m: Meta, options: BulkInsertOptions) throws(C8Error)
        -> BulkInsertResult {
        let count = documents.count
        guard count > 0 else { return BulkInsertResult(inserted: 0, skipped: [], ingested: true) }
        guard count < Int(Int32.max) else {
            throw C8Error(.badParameter, "a bulk insert takes at most \(Int32.max - 1) documents")
        }
        let generator = m.keyGenerator.options.makeGenerator(site: clock.site)
        // Revisions come from a block of `count` timestamps reserved on the
        // clock: unique, increasing in input order, below every later one.
        // A region's clock issues every `stride`-th stamp (its site's), so
        // the block is every stride-th stamp from the first.
        let firstStamp = clock.now().rawValue
        let stride = UInt64(1) << UInt64(clock.site.bits)
        if count > 1 { clock.update(received: HybridTimestamp(rawValue: firstStamp + UInt64(count - 1) * stride)) }
        let plan = BulkPlan(
            documentPrefix: KeySpace.documents(of: objectId).lowerBound, properties: m.properties,
            hasDefaultShardKeys: m.properties.hasDefaultShardKeys, keyOptions: generator.options, indexes: m.indexes,
            sizeLimit: limits.maximumDocumentSize, firstStamp: firstStamp, stampStride: stride, isRestore: options.isRestore)
        // 1. Checks, and the documents that bring their own `_key`.
        let own = Parallel.mapChunks(count: count, minimumChunk: 4096) { items in
            self.buildChunk(items.map { Int32($0) }, documents: documents, generatedKeys: nil, plan: plan)
        }

        // 2. Keys in input order.
        var keys: [String?] = []
        keys.reserveCapacity(count)
        var pending: [Int32] = []
        var problems: [Int: BulkProblem] = [:]
        var generatesKeys = false, keepsUserKeys = false
        for chunk in own {
            var refused = chunk.keyless.makeIterator()
            var nextRefused = refused.next()
            for (position, item32) in chunk.items.enumerated() {
                let item = Int(item32)
                if let problem = nextRefused, problem.item == item {
                    problems[item] = problem
                    nextRefused = refused.next()
                    keys.append(nil)
                } else if let userKey = chunk.ownKeys[position] {
                    generator.track(userKey: userKey)
                    keepsUserKeys = true
                    keys.append(userKey.rawValue)
                } else {
                    do throws(C8Error) {
                        keys.append(try generator.generate().rawValue)
                        generatesKeys = true
                        pending.append(item32)
                    } catch {
                        problems[item] = BulkProblem(item: item, error: error, beforeKeyCheck: true)
                        keys.append(nil)
                    }
                }
            }
        }
        let type = m.properties.keyOptions.type
        let persistsGenerator = (keepsUserKeys && Self.persistsGenerator(userKey: true, type))
            || (generatesKeys && Self.persistsGenerator(userKey: false, type))

        // 3. The documents that got a generated key.
        var chunks = own
        if !pending.isEmpty {
            let generatedKeys = keys, pendingItems = pending
            chunks += Parallel.mapChunks(count: pendingItems.count, minimumChunk: 4096) { positions in
                self.buildChunk(Array(pendingItems[positions]), documents: documents, generatedKeys: generatedKeys,
                                plan: plan)
            }
        }
        for chunk in chunks {
            for problem in chunk.problems { problems[problem.item] = problem }
        }

        // 4. One sorted run; the sequential check only when needed.
        var skipped: [BulkInsertFailure] = []
        var accepted: [Bool]?
        var merged = problems.isEmpty ? Self.merge(chunks, accepted: nil) : nil
        if merged == nil {
            let resolution = try resolve(chunks, keys: keys, problems: problems, indexes: m.indexes,
                                         skipErrors: options.skipErrors)
            skipped = resolution.failures
            accepted = resolution.accepted
            merged = Self.merge(chunks, accepted: resolution.accepted)
            guard merged != nil else {
                throw C8Error(.internalError, "bulk insert: entries repeat after the duplicate check")
            }
        }
        // Taken out of the optional, so appending below does not copy it.
        guard var entries = merged.take() else { return BulkInsertResult(inserted: 0, skipped: skipped, ingested: true) }

        // 5. Counters and generator, then storage and memory.
        var counts = Array(repeating: 0, count: Sharding.shardCount)
        for chunk in chunks {
            for (item, shard) in zip(chunk.items, chunk.shards)
            where shard != BulkChunk.noShard && accepted?[Int(item)] ?? true {
                counts[Int(shard)] += 1
            }
        }
        let inserted = counts.reduce(0, +)
        guard inserted > 0, !options.validateOnly else {
            return BulkInsertResult(inserted: inserted, skipped: skipped, ingested: true)
        }
        for shard in counts.indices where counts[shard] > 0 {
            try entries.append(key: KeySpace.counterKey(collection: objectId, shard: shard),
                               value: KeySpace.encodeCount(UInt64(counts[shard])))
        }
        if persistsGenerator {
            try entries.append(key: KeySpace.keyGeneratorKey(collection: objectId),
                               value: KeySpace.encodeCount(generator.lastValue))
        }
        // Readers bypass the caches for the collection meanwhile.
        context.beginCollectionChange(objectId)
        defer { context.endCollectionChange(objectId) }
        try storage.ingest(entries)
        meta.withLock { m in
            m.shardCounts = counts
            m.keyGenerator = generator
        }
        return BulkInsertResult(inserted: inserted, skipped: skipped, ingested: true)
    }

    /// Steps 1 and 3 for the items `items` (ascending): without
    /// `generatedKeys`, checks each item and builds those that bring their
    /// own `_key`; with them, builds each item under its generated key.
    ///
    /// It runs on several threads at once, so everything it needs comes in
    /// `plan`, read once (no shared object retained or locked per item —
    /// contended reference counts cost more than the work), and the arrays
    /// are read through buffer pointers for the same reason. The key
    /// checks run on a private copy of the generator (they do not depend
    /// on its state).
    private func buildChunk(
        _ items: [Int32], documents: EncodedDocuments, generatedKeys: [String?]?, plan: BulkPlan
    ) -> BulkChunk {
        let checker = generatedKeys == nil ? plan.keyOptions.makeGenerator() : nil
        var chunk = BulkChunk(items: items, arena: EntryStore(capacity: max(4096, items.count * 256)))
        chunk.slots.reserveCapacity(items.count * (1 + plan.indexes.count))
        chunk.shards.reserveCapacity(items.count)
        if checker != nil { chunk.ownKeys.reserveCapacity(items.count) }
        var scratch = BulkScratch()
        documents.withUnsafeDocuments { documents in
            for item32 in items {
                let item = Int(item32)
                let input = documents[item]
                let key: String
                if let generatedKeys {
                    guard let generated = generatedKeys[item], BinaryJSON.isObject(input) else {
                        chunk.shards.append(BulkChunk.noShard)
                        continue
                    }
                    key = generated
                } else {
                    let userKey: DocumentKey?
                    do throws(C8Error) {
                        guard BinaryJSON.isObject(input) else { throw Self.notAnObject() }
                        userKey = try Self.checkedUserKey(try BulkInput.member("_key", ofObject: input),
                                                          hasDefaultShardKeys: plan.hasDefaultShardKeys,
                                                          generator: checker!, isRestore: plan.isRestore)
                    } catch {
                        chunk.keyless.append(BulkProblem(item: item, error: error, beforeKeyCheck: true))
                        chunk.ownKeys.append(nil)
                        chunk.shards.append(BulkChunk.noShard)
                        continue
                    }
                    chunk.ownKeys.append(userKey)
                    guard let userKey else {  // built in step 3
                        chunk.shards.append(BulkChunk.noShard)
                        continue
                    }
                    key = userKey.rawValue
                }
                chunk.shards.append(build(item, key: key, input: input, plan: plan, into: &chunk, scratch: &scratch))
            }
        }
        // Sorted by key, then by slot — which is input order.
        var order = (0..<Int32(chunk.slots.count)).map { $0 }
        let arena = chunk.arena
        chunk.slots.withUnsafeBufferPointer { slots in
            order.sort { a, b in
                let c = BulkSlot.compareKeys(arena, slots[Int(a)], arena, slots[Int(b)])
                return c != 0 ? c < 0 : a < b
            }
        }
        chunk.order = order
        return chunk
    }

    /// Builds one document into `chunk`: its stored form and index entries;
    /// its shard, or ``BulkChunk/noShard`` when it is refused.
    private func build(
        _ item: Int, key: String, input: UnsafeBufferPointer<UInt8>, plan: BulkPlan, into chunk: inout BulkChunk,
        scratch: inout BulkScratch
    ) -> UInt8 {
        let edge: (from: String, to: String)?
        do throws(C8Error) {
            edge = plan.isEdge ? try edgeEndpoints(try BulkInput.endpoints(of: input), properties: plan.properties) : nil
        } catch {
            chunk.problems.append(BulkProblem(item: item, error: error, beforeKeyCheck: true))
            return BulkChunk.noShard
        }
        let rev = Revision(HybridTimestamp(rawValue: plan.firstStamp + UInt64(item) * plan.stampStride)).string
        scratch.stored.removeAll()
        do throws(C8Error) {
            do throws(BinaryJSONError) {
                try Self.encodeStored(key: key, rev: rev, edge: edge, body: input, into: &scratch.stored,
                                      runs: &scratch.runs)
            } catch {
                throw C8Error(error)
            }
            try Self.checkDocumentSize(scratch.stored.count, limit: plan.sizeLimit)
        } catch {
            chunk.problems.append(BulkProblem(item: item, error: error, beforeKeyCheck: false))
            return BulkChunk.noShard
        }
        // The stored form as `JSON` only when indexes or shard keys read it.
        var stored: JSON?
        if plan.needsDocument {
            let decoded = scratch.stored.withUnsafeBytes { bytes in
                Result { () throws(BinaryJSONError) -> JSON in try BinaryJSON.decode(buffer: bytes) }
            }
            switch decoded {
            case .success(let document): stored = document
            case .failure(let error):
                chunk.problems.append(BulkProblem(item: item, error: C8Error(error), beforeKeyCheck: false))
                return BulkChunk.noShard
            }
        }
        let arena = chunk.arena
        let keyStart = plan.documentPrefix.withUnsafeBufferPointer { arena.append($0) }
        var keyText = key
        keyText.withUTF8 { _ = arena.append($0) }
        let valueStart = scratch.stored.withUnsafeBytes { arena.append($0) }
        chunk.slots.append(BulkSlot(arena, start: keyStart, keyCount: valueStart - keyStart,
                                    valueCount: arena.count - valueStart, item: item, index: -1))
        guard let stored else { return UInt8(Sharding.shard(ofKey: key)) }
        for (ordinal, index) in plan.indexes.enumerated() {
            for entry in index.entries(for: stored, key: key) {
                let start = entry.key.withUnsafeBufferPointer { arena.append($0) }
                entry.value.withUnsafeBufferPointer { _ = arena.append($0) }
                chunk.slots.append(BulkSlot(arena, start: start, keyCount: entry.key.count,
                                            valueCount: entry.value.count, item: item,
                                            index: ordinal, unique: index.isUnique))
            }
        }
        return UInt8(Sharding.shard(of: stored, shardKeys: plan.properties.shardKeys))
    }

    /// Appends the stored form of a new document — the bytes of
    /// `BinaryJSON.encode(.object(StoredDocument.make(…)))` — without
    /// building it: `_key`, `_rev`, `_from`/`_to` for edges, then the
    /// members of the encoded object `body` but its system ones, copied as
    /// they are (in runs: usually all of them in one copy). `runs` is
    /// scratch space, reused from one document to the next.
    /// - Throws: ``BinaryJSONError`` when `body` is not a well-formed
    ///   encoded object.
    static func encodeStored(
        key: String, rev: String, edge: (from: String, to: String)?, body: UnsafeBufferPointer<UInt8>,
        into buffer: inout ByteBuffer, runs: inout [Range<Int>]
    ) throws(BinaryJSONError) {
        runs.removeAll(keepingCapacity: true)
        var count = edge == nil ? 2 : 4
        let base = body.baseAddress!
        try BinaryJSON.forEachMember(ofObject: body) { member in
            guard !BulkInput.isSystem(member.key) else { return }
            count += 1
            let start = member.bytes.baseAddress! - base, end = start + member.bytes.count
            if let last = runs.last, last.upperBound == start {
                runs[runs.count - 1] = last.lowerBound..<end
            } else {
                runs.append(start..<end)
            }
        }
        BinaryJSON.appendObject(count: count, into: &buffer) { buffer in
            BinaryJSON.appendMember("_key", .string(key), into: &buffer)
            BinaryJSON.appendMember("_rev", .string(rev), into: &buffer)
            if let edge {
                BinaryJSON.appendMember("_from", .string(edge.from), into: &buffer)
                BinaryJSON.appendMember("_to", .string(edge.to), into: &buffer)
            }
            for run in runs {
                BinaryJSON.appendMemberBytes(UnsafeBufferPointer(rebasing: body[run]), into: &buffer)
            }
        }
    }

    /// Merges the chunks' sorted entries into one run, leaving out the
    /// items `accepted` rejects. Nil when two entries share a key (a `_key`
    /// or unique index value taken twice), except the same non-unique entry
    /// twice from one document (a non-deduplicating array index), which is
    /// written once.
    ///
    /// The run is appended without SortedEntries' own order check: the
    /// merge compared every key already (and storage checks again as it
    /// loads), while the check would read every key back from the arenas —
    /// a cache miss each.
    private static func merge(_ chunks: [BulkChunk], accepted: [Bool]?) -> SortedEntries? {
        var entries = SortedEntries(reservingCapacity: chunks.reduce(0) { $0 + $1.slots.count } + Sharding.shardCount + 1)
        var positions = Array(repeating: 0, count: chunks.count)
        func advance(_ c: Int) {
            guard let accepted else { return }
            let chunk = chunks[c]
            while positions[c] < chunk.order.count, !accepted[Int(chunk.slots[Int(chunk.order[positions[c]])].item)] {
                positions[c] += 1
            }
        }
        func slot(_ c: Int) -> BulkSlot { chunks[c].slots[Int(chunks[c].order[positions[c]])] }
        func less(_ a: Int, _ b: Int) -> Bool {
            let c = BulkSlot.compareKeys(chunks[a].arena, slot(a), chunks[b].arena, slot(b))
            return c != 0 ? c < 0 : a < b
        }
        // A binary min-heap of the chunks that have entries left.
        var heap: [Int] = []
        for c in chunks.indices {
            advance(c)
            if positions[c] < chunks[c].order.count { heap.append(c) }
        }
        func siftDown(_ start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, less(heap[left], heap[smallest]) { smallest = left }
                if right < heap.count, less(heap[right], heap[smallest]) { smallest = right }
                if smallest == parent { return }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(i) }

        var previous: (chunk: Int, slot: BulkSlot)?
        while let c = heap.first {
            let current = slot(c)
            positions[c] += 1
            advance(c)
            if positions[c] >= chunks[c].order.count {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            if !heap.isEmpty { siftDown(0) }
            if let previous,
               BulkSlot.compareKeys(chunks[previous.chunk].arena, previous.slot, chunks[c].arena, current) == 0 {
                let harmless = previous.slot.item == current.item && current.index >= 0 && !current.unique
                if harmless { continue }
                return nil
            }
            let keyEnd = current.start + Int(current.keyCount)
            entries.append(uncheckedKey: current.start..<keyEnd, value: keyEnd..<keyEnd + Int(current.valueCount),
                           in: chunks[c].arena)
            previous = (c, current)
        }
        return entries
    }

    /// The sequential check, run only when an item was refused or an entry
    /// repeats: goes through the items in order as a series of inserts
    /// would, refusing an item for its own problem or for a `_key` or
    /// unique index value an earlier accepted item holds. Throws the first
    /// refusal unless `skipErrors`.
    private func resolve(
        _ chunks: [BulkChunk], keys: [String?], problems: [Int: BulkProblem], indexes: [any DocumentIndex],
        skipErrors: Bool
    ) throws(C8Error) -> (accepted: [Bool], failures: [BulkInsertFailure]) {
        var accepted = Array(repeating: false, count: keys.count)
        var failures: [BulkInsertFailure] = []
        var primary = Set<String>()
        var owners = Array(repeating: [[UInt8]: String](), count: indexes.count)
        // Where each built item's entries are (a chunk's slots are grouped
        // by item, in the chunk's item order).
        var built: [Int: (chunk: Int, slots: Range<Int>)] = [:]
        for (c, chunk) in chunks.enumerated() {
            var first = 0
            while first < chunk.slots.count {
                var next = first + 1
                while next < chunk.slots.count, chunk.slots[next].item == chunk.slots[first].item { next += 1 }
                built[Int(chunk.slots[first].item)] = (c, first..<next)
                first = next
            }
        }
        for item in 0..<keys.count {
            let (c, slotRange) = built[item] ?? (0, 0..<0)
            let chunk = chunks[c]
            let error: C8Error?
            if let problem = problems[item], problem.beforeKeyCheck {
                error = problem.error
            } else if let key = keys[item], primary.contains(key) {
                error = Self.primaryKeyConflict(key)
            } else if let problem = problems[item] {
                error = problem.error
            } else {
                error = uniqueConflict(chunk, slots: slotRange, key: keys[item]!, owners: owners, indexes: indexes)
            }
            if let error {
                let failure = BulkInsertFailure(index: item, error: error)
                guard skipErrors else { throw failure.thrown }
                failures.append(failure)
                continue
            }
            accepted[item] = true
            primary.insert(keys[item]!)
            for s in slotRange where chunk.slots[s].unique {
                let slot = chunk.slots[s]
                owners[Int(slot.index)][slot.key(in: chunk.arena)] = keys[item]!
            }
        }
        return (accepted, failures)
    }

    /// 1210 when one of an item's unique index entries repeats within the
    /// item or belongs to an earlier accepted item; the indexes are checked
    /// in order, as `CollectionWrite.stage` does.
    private func uniqueConflict(
        _ chunk: BulkChunk, slots: Range<Int>, key: String, owners: [[[UInt8]: String]], indexes: [any DocumentIndex]
    ) -> C8Error? {
        var seen = Set<[UInt8]>()
        var currentIndex: Int16 = -1
        for s in slots where chunk.slots[s].unique {
            let slot = chunk.slots[s]
            if slot.index != currentIndex {
                currentIndex = slot.index
                seen.removeAll()
            }
            let index = indexes[Int(slot.index)]
            let entryKey = slot.key(in: chunk.arena)
            guard seen.insert(entryKey).inserted else { return index.uniqueViolation(conflictingKey: key) }
            if let owner = owners[Int(slot.index)][entryKey], owner != key {
                return index.uniqueViolation(conflictingKey: owner)
            }
        }
        return nil
    }
}

/// An item's own problem: before or after the check for a taken `_key`
/// (`insert` checks the key after the object, `_key` and edge checks, and
/// before the size check).
struct BulkProblem: Sendable {
    var item: Int
    var error: C8Error
    var beforeKeyCheck: Bool
}

/// One entry of a bulk insert: where its key and value sit in its chunk's
/// arena, which item it belongs to, and to which index (-1: the document).
///
/// The key's first 16 bytes are kept in the slot too (big-endian, zero
/// padded): sorting and merging compare those and read the arena only for
/// longer keys that tie — the arena is hundreds of MB read in random order,
/// where every read is a cache miss.
struct BulkSlot: Sendable {
    var start: Int
    var head0: UInt64
    var head1: UInt64
    var keyCount: Int32
    var valueCount: Int32
    var item: Int32
    var index: Int16
    var unique: Bool

    init(_ arena: EntryStore, start: Int, keyCount: Int, valueCount: Int, item: Int, index: Int, unique: Bool = false) {
        self.start = start
        self.keyCount = Int32(keyCount)
        self.valueCount = Int32(valueCount)
        self.item = Int32(item)
        self.index = Int16(index)
        self.unique = unique
        let key = arena.bytes(start..<start + keyCount)
        var head0: UInt64 = 0, head1: UInt64 = 0
        for i in 0..<min(8, keyCount) { head0 |= UInt64(key[i]) << UInt64(56 - 8 * i) }
        if keyCount > 8 { for i in 8..<min(16, keyCount) { head1 |= UInt64(key[i]) << UInt64(120 - 8 * i) } }
        self.head0 = head0
        self.head1 = head1
    }

    func key(in arena: EntryStore) -> [UInt8] {
        Array(arena.bytes(start..<start + Int(keyCount)))
    }

    /// Bytewise order of the two slots' keys (shorter first on a tie).
    @inline(__always)
    static func compareKeys(_ arenaA: EntryStore, _ a: BulkSlot, _ arenaB: EntryStore, _ b: BulkSlot) -> Int {
        if a.head0 != b.head0 { return a.head0 < b.head0 ? -1 : 1 }
        if a.head1 != b.head1 { return a.head1 < b.head1 ? -1 : 1 }
        if a.keyCount <= 16 && b.keyCount <= 16 {
            return a.keyCount == b.keyCount ? 0 : (a.keyCount < b.keyCount ? -1 : 1)
        }
        return EntryStore.compare(arenaA, a.start, Int(a.keyCount), arenaB, b.start, Int(b.keyCount))
    }
}

/// What building a chunk needs, read from the collection once.
struct BulkPlan: Sendable {
    let documentPrefix: [UInt8]
    let properties: CollectionProperties
    let hasDefaultShardKeys: Bool
    let keyOptions: KeyOptions
    let indexes: [any DocumentIndex]
    let sizeLimit: Int
    let firstStamp: UInt64
    /// Item `i`'s stamp is `firstStamp + i * stampStride` (the clock site's stride).
    let stampStride: UInt64
    let isRestore: Bool
    let isEdge: Bool
    /// Whether indexes or shard keys read the stored form as `JSON`.
    let needsDocument: Bool

    init(documentPrefix: [UInt8], properties: CollectionProperties, hasDefaultShardKeys: Bool, keyOptions: KeyOptions,
         indexes: [any DocumentIndex], sizeLimit: Int, firstStamp: UInt64, stampStride: UInt64, isRestore: Bool) {
        self.documentPrefix = documentPrefix
        self.properties = properties
        self.hasDefaultShardKeys = hasDefaultShardKeys
        self.keyOptions = keyOptions
        self.indexes = indexes
        self.sizeLimit = sizeLimit
        self.firstStamp = firstStamp
        self.stampStride = stampStride
        self.isRestore = isRestore
        isEdge = properties.type == .edge
        needsDocument = !indexes.isEmpty || !hasDefaultShardKeys
    }
}

/// A chunk of built items.
struct BulkChunk: Sendable {
    static let noShard: UInt8 = 0xFF

    /// The items, ascending.
    var items: [Int32]
    /// The keys and values, packed.
    var arena: EntryStore
    /// Grouped by item, in item order.
    var slots: [BulkSlot] = []
    /// Indexes into `slots`, sorted by key.
    var order: [Int32] = []
    /// Step 1: per item, the `_key` it brings (nil: refused, or one is to
    /// be generated).
    var ownKeys: [DocumentKey?] = []
    /// Step 1: items refused before they had a key, ascending.
    var keyless: [BulkProblem] = []
    /// Items refused once they had a key.
    var problems: [BulkProblem] = []
    /// Per item, its shard; ``noShard`` for refused items and those built
    /// in another chunk.
    var shards: [UInt8] = []
}
