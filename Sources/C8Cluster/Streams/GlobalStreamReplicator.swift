import C8Core
import C8Engine
import C8Streams
import Dispatch
import Synchronization

/// Sends a region's global streams to the other regions of their fabric:
/// a reader per persistent global stream, from where it last stopped, hands
/// every message a producer of this region published to the federation's
/// replication log — so messages get the links' latency, partitions and
/// causal order like documents, and survive restarts. A scan a quarter of
/// a second notices streams created and deleted here.
///
/// Delivery is at least once: a crash between logging a message and
/// storing the reader's position sends that message again.
final class GlobalStreamReplicator: Sendable {
    private let region: Region
    private let service: StreamService
    private let log: ReplicationLog
    private let record: @Sendable ([ReplicationEntry.Operation]) -> Void
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "c8.cluster.streams")
    private let timer = Mutex<DispatchSourceTimer?>(nil)

    private struct State {
        var readers: [StreamName: StreamReader] = [:]
        /// Streams this region has, as of the last scan.
        var known: Set<StreamName> = []
        /// Streams created or deleted here by another region's change:
        /// the next scan must not send them back.
        var applied: Set<StreamName> = []
        var stopped = false
    }

    static let scanInterval: DispatchTimeInterval = .milliseconds(250)

    init(region: Region, service: StreamService, log: ReplicationLog,
         record: @escaping @Sendable ([ReplicationEntry.Operation]) -> Void) {
        self.region = region
        self.service = service
        self.log = log
        self.record = record
    }

    /// Reads what exists (sending no creations for it) and starts scanning.
    func start() {
        let existing = globalStreams()
        state.withLock { $0.known = existing }
        for name in existing { openReader(name) }
        timer.withLock { timer in
            let source = DispatchSource.makeTimerSource(queue: queue)
            source.schedule(deadline: .now() + Self.scanInterval, repeating: Self.scanInterval)
            source.setEventHandler { [weak self] in self?.scan() }
            source.resume()
            timer = source
        }
    }

    func stop() {
        timer.withLock { timer in
            timer?.cancel()
            timer = nil
        }
        let readers = state.withLock { s -> [StreamReader] in
            s.stopped = true
            defer { s.readers = [:] }
            return Array(s.readers.values)
        }
        for reader in readers { reader.close() }
    }

    /// Marks a stream created or deleted on another region's behalf.
    func noteApplied(_ name: StreamName) {
        state.withLock { _ = $0.applied.insert(name) }
    }

    private func scan() {
        let current = globalStreams()
        let (created, deleted) = state.withLock { s -> ([StreamName], [StreamName]) in
            guard !s.stopped else { return ([], []) }
            let created = current.subtracting(s.known)
            let deleted = s.known.subtracting(current)
            s.known = current
            let sent = (created.subtracting(s.applied), deleted.subtracting(s.applied))
            s.applied.subtract(created.union(deleted))
            return (Array(sent.0), Array(sent.1))
        }
        for name in created { record([.stream(StreamChange(tenant: name.tenant, fabric: name.fabric, stream: name.name, kind: .created(persistent: true)))]) }
        for name in current.subtracting(state.withLock { Set($0.readers.keys) }) { openReader(name) }
        for name in deleted {
            state.withLock { $0.readers.removeValue(forKey: name) }?.close()
            record([.stream(StreamChange(tenant: name.tenant, fabric: name.fabric, stream: name.name, kind: .deleted))])
        }
    }

    /// The persistent global streams of every fabric of this region.
    private func globalStreams() -> Set<StreamName> {
        var names: Set<StreamName> = []
        for tenant in region.engine.tenants() {
            for fabric in tenant.fabrics() {
                for info in service.streams(tenant: tenant.name, fabric: fabric.name) where info.name.kind == .global && info.persistent {
                    names.insert(info.name)
                }
            }
        }
        return names
    }

    private func openReader(_ name: StreamName) {
        let position = (try? log.streamPosition(name.topic)).flatMap { $0 }
        let start: ReaderStart = position.map { .message(MessageID(entry: $0)) } ?? .earliest
        let reader: StreamReader
        do {
            reader = try service.reader(on: name, start: start, isInternal: true) { [weak self] message in self?.forward(message, of: name) }
        } catch {
            return  // deleted meanwhile: the next scan notices
        }
        let kept = state.withLock { s -> Bool in
            guard !s.stopped, s.readers[name] == nil else { return false }
            s.readers[name] = reader
            return true
        }
        if !kept { reader.close() }
    }

    private func forward(_ message: StreamMessage, of name: StreamName) {
        if message.properties[StreamChangeMessage.originProperty] == nil {
            record([.stream(StreamChange(
                tenant: name.tenant, fabric: name.fabric, stream: name.name,
                kind: .message(StreamChangeMessage(payload: message.payload, key: message.key, properties: message.properties,
                                                   producerName: message.producerName, eventTime: message.eventTime))))])
        }
        try? log.save(streamPosition: message.id.entry, of: name.topic)
        state.withLock { $0.readers[name] }?.grantPermits(1)
    }
}
