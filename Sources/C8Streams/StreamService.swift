import C8Core
import C8Engine
import C8Storage
import Dispatch
import Synchronization

/// The streams of one region: named, ordered logs with producers,
/// subscriptions of consumers and readers, with Apache Pulsar's semantics
/// (Docs/STREAMS.md). Persistent logs and cursors live in the engine's
/// storage under ``KeySpace/streams``; non-persistent streams live in
/// memory only.
///
/// Every call is safe from any thread. Consumers and readers receive
/// messages through their `deliver` closure on their own serial queue.
public final class StreamService: Sendable {
    let engine: Engine
    let storage: any StorageEngine
    let options: StreamServiceOptions
    let ids: IdAllocator
    let registry: Mutex<Registry>
    private let timer = Mutex<DispatchSourceTimer?>(nil)
    private let lastMaintenance = Atomic<UInt64>(0)
    private let generatedNames = Atomic<Int>(0)
    private let listenerId = Atomic<UInt64>(0)

    struct Registry {
        var topics: [StreamName: Topic] = [:]
        /// Message TTL per `tenant 0x00 fabric`, when set.
        var ttl: [String: Int] = [:]
        var closed = false
    }

    /// Opens the streams of `engine`: loads persisted streams and their
    /// subscription cursors, listens to collection changes (for collection
    /// streams) and starts the timer of redeliveries, expiry and retention.
    public init(engine: Engine, options: StreamServiceOptions = StreamServiceOptions()) throws(C8Error) {
        self.engine = engine
        storage = engine.storage
        self.options = options
        ids = try IdAllocator(storage: storage)
        var registry = Registry()
        for definition in try Self.storedDefinitions(storage) {
            registry.topics[definition.name] = try Topic.load(
                name: definition.name, id: definition.id, storage: storage, options: options, ids: ids)
        }
        registry.ttl = try Self.storedTTLs(storage)
        self.registry = Mutex(registry)
        lastMaintenance.store(MonotonicTime.milliseconds(), ordering: .relaxed)
        let id = engine.addChangeListener { [weak self] changes in self?.publishChanges(changes) }
        listenerId.store(id, ordering: .relaxed)
        startTimer()
    }

    deinit {
        // A service dropped without close(): stop the timer and the listener.
        timer.withLock { $0?.cancel() }
        engine.removeChangeListener(listenerId.load(ordering: .relaxed))
    }

    // MARK: - Streams

    /// Creates a stream.
    /// - Throws: 400/1208 for a bad name or a collection stream (those
    ///   follow their collection's `hasStream`); 1228 when the fabric does
    ///   not exist; 409/1207 when the stream exists.
    @discardableResult
    public func createStream(_ name: StreamName, persistent: Bool = true) throws(C8Error) -> StreamInfo {
        try StreamName.validate(name.name)
        guard name.kind != .collection else {
            throw C8Error(.badParameter, "collection streams are created by a collection's hasStream, not directly")
        }
        _ = try engine.tenant(name.tenant).fabric(name.fabric)
        return try registry.withLock { r throws(C8Error) -> StreamInfo in
            guard !r.closed else { throw Self.shutDown }
            guard r.topics[name] == nil else { throw C8Error(.duplicateName, detail: "stream \(name.topic)") }
            let topic = try makeTopic(name, persistent: persistent)
            r.topics[name] = topic
            return topic.info
        }
    }

    /// The streams of a fabric, sorted by topic, with the collection
    /// streams of its `hasStream` collections.
    public func streams(tenant: String, fabric: String) -> [StreamInfo] {
        var infos = registry.withLock { r in
            r.topics.values.filter { $0.name.tenant == tenant && $0.name.fabric == fabric && $0.name.kind != .collection }
                .map(\.info)
        }
        if let collections = try? engine.tenant(tenant).fabric(fabric).collections() {
            for collection in collections where collection.properties.hasStream {
                infos.append(StreamInfo(
                    name: StreamName(tenant: tenant, fabric: fabric, kind: .collection, name: collection.name), persistent: true))
            }
        }
        return infos.sorted { $0.topic < $1.topic }
    }

    /// - Throws: 404 when there is no such stream.
    public func stream(_ name: StreamName) throws(C8Error) -> StreamInfo {
        if name.kind == .collection {
            try checkCollectionStream(name)
            return StreamInfo(name: name, persistent: true)
        }
        return try topic(name).info
    }

    /// Deletes a stream with its messages and subscriptions.
    /// - Throws: 404 when missing; 412 while producers, consumers or
    ///   readers are connected, unless `force`, which disconnects them.
    public func deleteStream(_ name: StreamName, force: Bool) throws(C8Error) {
        let topic = try self.topic(name)
        try topic.destroy(force: force)
        registry.withLock { r in
            if r.topics[name] === topic { r.topics[name] = nil }
        }
    }

    // MARK: - Publishing and consuming

    /// Publishes one message without a connected producer (REST publish).
    /// Without `producerName` the message carries `<stream>-0`.
    @discardableResult
    public func publish(_ message: OutgoingMessage, to name: StreamName, producerName: String? = nil) throws(C8Error) -> MessageID {
        try topic(name).publish(message, producer: nil, producerName: producerName ?? name.name + "-0")
    }

    /// Connects a producer; without a name it gets `<stream>-<n>`.
    /// With `initialSequenceId` its messages are numbered from that id + 1;
    /// otherwise a message's sequence id is its position in the stream.
    /// - Throws: 404 for a missing stream; 409 when a producer of that
    ///   name is connected.
    public func producer(on name: StreamName, name producerName: String?, initialSequenceId: UInt64? = nil) throws(C8Error) -> StreamProducer {
        let topic = try self.topic(name)
        let signal = CloseSignal()
        let (id, chosen) = try topic.addProducer(name: producerName, initialSequenceId: initialSequenceId, signal: signal) {
            name.name + "-" + String(generatedNames.add(1, ordering: .relaxed).newValue)
        }
        return StreamProducer(name: chosen, stream: name, topic: topic, id: id, signal: signal)
    }

    /// Connects a consumer to a subscription, creating it on first use at
    /// `initialPosition`. It may receive `receiverQueueSize` messages, then
    /// one more per permit granted.
    /// - Parameters:
    ///   - ackTimeout: redeliver a message this long unacknowledged (nil: never).
    ///   - deliver: called for each message, in order, never concurrently
    ///     with itself, on the consumer's own queue.
    /// - Throws: 404 for a missing stream; 409 when an exclusive consumer
    ///   is connected or the subscription's consumers are of another type.
    public func subscribe(
        _ name: StreamName, subscription: String, type: SubscriptionType, consumerName: String? = nil,
        initialPosition: InitialPosition = .latest, receiverQueueSize: Int = 1000, ackTimeout: Duration? = nil,
        deliver: @escaping @Sendable (StreamMessage) -> Void
    ) throws(C8Error) -> StreamConsumer {
        try subscribe(name, subscription: subscription, type: type, consumerName: consumerName,
                      initialPosition: initialPosition, receiverQueueSize: receiverQueueSize, ackTimeout: ackTimeout) { batch in
            for message in batch { deliver(message) }
        }
    }

    /// ``subscribe(_:subscription:type:consumerName:initialPosition:receiverQueueSize:ackTimeout:deliver:)``
    /// handing over the messages that accumulated since the last call at
    /// once, in order, on the consumer's own queue.
    public func subscribe(
        _ name: StreamName, subscription: String, type: SubscriptionType, consumerName: String? = nil,
        initialPosition: InitialPosition = .latest, receiverQueueSize: Int = 1000, ackTimeout: Duration? = nil,
        deliverBatch: @escaping @Sendable ([StreamMessage]) -> Void
    ) throws(C8Error) -> StreamConsumer {
        guard !subscription.isEmpty else { throw C8Error(.badParameter, "a subscription needs a name") }
        let topic = try self.topic(name)
        let channel = DeliveryChannel(label: "c8.streams.consumer." + name.topic + "." + subscription,
                                      deliver: deliverBatch)
        do {
            let (id, chosen) = try topic.subscribe(
                subscription, type: type, consumerName: consumerName, initialPosition: initialPosition,
                permits: receiverQueueSize, ackTimeout: ackTimeout.map { max(1, $0.milliseconds) }, channel: channel)
            return StreamConsumer(name: chosen, subscription: subscription, type: type, stream: name, topic: topic, id: id,
                                  channel: channel)
        } catch {
            channel.close()
            throw error
        }
    }

    /// Opens a reader at `start` (a message id start is exclusive: the
    /// reader begins after it).
    /// An `isInternal` reader is the platform's own (a region replicating its
    /// global streams): a stream is deleted without `force` while it reads.
    public func reader(
        on name: StreamName, start: ReaderStart, receiverQueueSize: Int = 1000, isInternal: Bool = false,
        deliver: @escaping @Sendable (StreamMessage) -> Void
    ) throws(C8Error) -> StreamReader {
        try reader(on: name, start: start, receiverQueueSize: receiverQueueSize, isInternal: isInternal) { batch in
            for message in batch { deliver(message) }
        }
    }

    /// ``reader(on:start:receiverQueueSize:isInternal:deliver:)`` handing
    /// over the messages that accumulated since the last call at once, in
    /// order, on the reader's own queue.
    public func reader(
        on name: StreamName, start: ReaderStart, receiverQueueSize: Int = 1000, isInternal: Bool = false,
        deliverBatch: @escaping @Sendable ([StreamMessage]) -> Void
    ) throws(C8Error) -> StreamReader {
        let topic = try self.topic(name)
        let channel = DeliveryChannel(label: "c8.streams.reader." + name.topic, deliver: deliverBatch)
        do {
            let id = try topic.openReader(start: start, permits: receiverQueueSize, channel: channel, isInternal: isInternal)
            return StreamReader(stream: name, topic: topic, id: id, channel: channel)
        } catch {
            channel.close()
            throw error
        }
    }

    // MARK: - Shutdown

    /// Stops the timer and the collection listener and disconnects every
    /// producer, consumer and reader. Durable state stays in storage.
    public func close() {
        let topics = registry.withLock { r -> [Topic] in
            r.closed = true
            return Array(r.topics.values)
        }
        timer.withLock { timer in
            timer?.cancel()
            timer = nil
        }
        engine.removeChangeListener(listenerId.load(ordering: .relaxed))
        for topic in topics { topic.shutDown() }
    }

    // MARK: - Internals

    static var shutDown: C8Error { C8Error(.shuttingDown, "the stream service is closed") }

    /// The topic of a stream; collection streams are opened on first use.
    func topic(_ name: StreamName) throws(C8Error) -> Topic {
        let (found, closed) = registry.withLock { r in (r.topics[name], r.closed) }
        if closed { throw Self.shutDown }
        if let found { return found }
        guard name.kind == .collection else { throw Topic.notFound(name) }
        try checkCollectionStream(name)
        return try registry.withLock { r throws(C8Error) -> Topic in
            if let found = r.topics[name] { return found }
            let topic = try makeTopic(name, persistent: true)
            r.topics[name] = topic
            return topic
        }
    }

    /// A new topic; persistent ones get a catalog entry. Call under the
    /// registry lock.
    private func makeTopic(_ name: StreamName, persistent: Bool) throws(C8Error) -> Topic {
        guard persistent else {
            return Topic.new(name: name, id: 0, persistent: false, storage: storage, options: options, ids: ids)
        }
        var batch = WriteBatch()
        let id = ids.next(in: &batch)
        let kind: String = switch name.kind {
        case .global: "global"
        case .local: "local"
        case .collection: "collection"
        }
        let definition: JSON = [
            "id": .int(Int64(id)), "tenant": .string(name.tenant), "fabric": .string(name.fabric),
            "kind": .string(kind), "name": .string(name.name),
        ]
        batch.put(StreamKeys.streamKey(tenant: name.tenant, fabric: name.fabric, topic: name.topic), BinaryJSON.encode(definition))
        try storage.write(batch, sync: true)
        return Topic.new(name: name, id: id, persistent: true, storage: storage, options: options, ids: ids)
    }

    /// - Throws: 404 unless the collection exists and has `hasStream`.
    private func checkCollectionStream(_ name: StreamName) throws(C8Error) {
        let collection: DocumentCollection
        do {
            collection = try engine.tenant(name.tenant).fabric(name.fabric).collection(name.name)
        } catch {
            throw Topic.notFound(name)
        }
        guard collection.properties.hasStream else {
            throw C8Error(.httpNotFound, "stream \(name.topic) not found: the collection has no stream (hasStream)")
        }
    }

    private static func storedDefinitions(_ storage: any StorageEngine) throws(C8Error) -> [(name: StreamName, id: UInt64)] {
        var definitions: [(name: StreamName, id: UInt64)] = []
        let iterator = storage.makeIterator(StreamKeys.allStreams, reverse: false)
        while iterator.next() {
            let value: JSON
            do { value = try BinaryJSON.decode(buffer: iterator.value) } catch { throw C8Error(error) }
            guard let id = value["id"].intValue, let tenant = value["tenant"].stringValue,
                  let fabric = value["fabric"].stringValue, let name = value["name"].stringValue else {
                throw C8Error(.internalError, "corrupt stream definition in storage")
            }
            let kind: StreamName.Kind = switch value["kind"].stringValue {
            case "local": .local
            case "collection": .collection
            default: .global
            }
            definitions.append((StreamName(tenant: tenant, fabric: fabric, kind: kind, name: name), UInt64(id)))
        }
        return definitions
    }

    private func startTimer() {
        let interval = DispatchTimeInterval.milliseconds(Int(max(1, options.tickInterval.milliseconds)))
        timer.withLock { timer in
            let source = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "c8.streams.timer"))
            source.schedule(deadline: .now() + interval, repeating: interval)
            source.setEventHandler { [weak self] in self?.onTick() }
            source.resume()
            timer = source
        }
    }

    private func onTick() {
        let now = MonotonicTime.milliseconds()
        let topics = registry.withLock { r in r.closed ? [] : Array(r.topics.values) }
        for topic in topics { topic.tick(monotonic: now) }
        let last = lastMaintenance.load(ordering: .relaxed)
        if now >= last + options.maintenanceInterval.milliseconds {
            lastMaintenance.store(now, ordering: .relaxed)
            runMaintenance()
        }
    }
}
