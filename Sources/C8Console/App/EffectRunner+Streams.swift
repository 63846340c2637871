import C8Client
import C8Core
import Foundation

/// The Streams pane's effects: stats polls, live tails, filter calls and
/// publishing.
extension EffectRunner {
    /// Runs `effect` if it is a stream effect; returns whether it was.
    func runStreamEffect(_ effect: Effect, deliver: @escaping @Sendable (Completion) -> Void) -> Bool {
        let connection = self.connection
        switch effect {
        case .pollStreams(let fabric, let generation, let delay):
            Task {
                if delay > 0 { try? await Task.sleep(for: .milliseconds(Int(delay * 1000))) }
                let result = await Self.capture { () async throws(C8Error) in try await Self.snapshots(of: fabric, connection) }
                deliver(.streamsPolled(fabric: fabric, generation: generation, result))
            }
        case .openTail(let topic, let fabric, let id, let fromEarliest):
            let tails = self.tails
            Task {
                let options = StreamTailOptions(start: fromEarliest ? .earliest : .latest)
                let opened = await Self.capture { () async throws(C8Error) in try await connection.tail(topic, in: fabric, options: options) }
                switch opened {
                case .failure(let error):
                    deliver(.tailOpened(id: id, error: error))
                case .success(let tail):
                    // Closed while it was opening: nobody wants it any more.
                    guard tails.register(id, tail) else { return tail.close() }
                    deliver(.tailOpened(id: id, error: nil))
                    await Self.pump(tail, id: id, deliver: deliver)
                }
            }
        case .closeTail(let id):
            // At once, not in a task: quitting must not leave a reader open.
            tails.close(id)
        case .filterMessages(let expression, let payloads, let fabric, let tail, let generation):
            Task {
                let result = await Self.capture { () async throws(C8Error) in
                    try await connection.filterMessages(expression, payloads: payloads, in: fabric)
                }
                deliver(.messagesFiltered(tail: tail, generation: generation, result))
            }
        case .publishMessage(let topic, let message, let fabric):
            Task {
                let result = await Self.capture { () async throws(C8Error) in try await connection.publish(message, to: topic, in: fabric) }
                let name = StreamsState.name(of: topic)
                deliver(.changed(result.map { _ in "published to \(name)" }, reload: .nothing))
            }
        default:
            return false
        }
        return true
    }

    /// The fabric's streams with their stats (null for a stream whose
    /// stats could not be read: it may have been deleted meanwhile).
    static func snapshots(of fabric: String, _ connection: any C8Connection) async throws(C8Error) -> [StreamSnapshot] {
        var snapshots: [StreamSnapshot] = []
        for summary in try await connection.streams(in: fabric) {
            let stats = (try? await connection.streamStats(summary.topic, in: fabric)) ?? .null
            snapshots.append(StreamSnapshot(summary: summary, stats: stats))
        }
        return snapshots
    }

    /// Hands a tail's messages to the console in batches of what arrived
    /// in each ``StreamsState/batchInterval``, until the tail ends.
    static func pump(_ tail: any StreamTail, id: Int, deliver: @escaping @Sendable (Completion) -> Void) async {
        let batch = MessageBatch()
        let flusher = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(Int(StreamsState.batchInterval * 1000)))
                let messages = batch.drain()
                if !messages.isEmpty { deliver(.tailMessages(id: id, messages)) }
            }
        }
        for await message in tail.messages { batch.append(message) }
        flusher.cancel()
        let rest = batch.drain()
        if !rest.isEmpty { deliver(.tailMessages(id: id, rest)) }
        deliver(.tailEnded(id: id))
    }
}

/// Messages a tail received since the last hand-over.
final class MessageBatch: @unchecked Sendable {
    // @unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var messages: [StreamMessageView] = []

    func append(_ message: StreamMessageView) {
        lock.lock()
        messages.append(message)
        lock.unlock()
    }

    func drain() -> [StreamMessageView] {
        lock.lock()
        defer { lock.unlock() }
        let all = messages
        messages = []
        return all
    }
}

/// The tails open now, by id, so the console can close them; a close
/// that arrives while a tail is still opening closes it once it opens.
final class TailRegistry: @unchecked Sendable {
    // @unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var open: [Int: any StreamTail] = [:]
    private var closed: Set<Int> = []

    /// Records an opened tail; false when it was closed meanwhile.
    func register(_ id: Int, _ tail: any StreamTail) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if closed.remove(id) != nil { return false }
        open[id] = tail
        return true
    }

    func close(_ id: Int) {
        lock.lock()
        let tail = open.removeValue(forKey: id)
        if tail == nil { closed.insert(id) }
        lock.unlock()
        tail?.close()
    }
}
