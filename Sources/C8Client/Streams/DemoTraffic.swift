import C8Core
import Synchronization

/// Live demo messages: while the console runs on the embedded default it
/// publishes one small JSON tick a second on the demo stream
/// (`c8globals.ticks` in `_system`, which ``DemoData`` creates), so a new
/// user has a live tail to watch at once.
///
/// Works over any ``C8Connection``. It publishes only while that stream
/// exists: a data dir that was not seeded with demo data, or whose user
/// deleted the stream, gets no traffic (``failure`` says why it stopped).
public final class DemoTraffic: Sendable {
    public static let topic = StreamSummary.topic(of: DemoData.tickStream, local: false)

    private let connection: any C8Connection
    private let fabric: String
    private let topic: String
    private let interval: Duration
    private let task = Mutex<Task<Void, Never>?>(nil)
    private let sent = Atomic<Int>(0)
    private let stoppedBy = Mutex<C8Error?>(nil)

    /// - Parameter interval: between two messages; tests shorten it.
    public init(connection: any C8Connection, fabric: String = "_system", topic: String = DemoTraffic.topic,
                interval: Duration = .seconds(1)) {
        self.connection = connection
        self.fabric = fabric
        self.topic = topic
        self.interval = interval
    }

    /// Messages published so far.
    public var published: Int { sent.load(ordering: .relaxed) }

    /// Why publishing ended early (no such stream, connection closed); nil
    /// while it runs or after a plain ``stop()``.
    public var failure: C8Error? { stoppedBy.withLock { $0 } }

    /// Starts publishing in the background; a second call does nothing.
    public func start() {
        task.withLock { task in
            guard task == nil else { return }
            task = Task { [self] in await run() }
        }
    }

    /// Stops publishing and returns once the background task has ended, so
    /// nothing is published after it returns (the connection may be closed next).
    public func stop() async {
        let running = task.withLock { $0 }
        running?.cancel()
        await running?.value
    }

    private func run() async {
        let publisher: any StreamPublisher
        do {
            publisher = try await connection.openPublisher(on: topic, in: fabric)
        } catch {
            stoppedBy.withLock { $0 = error }
            return
        }
        defer { publisher.close() }
        var ticks = TickGenerator()
        while !Task.isCancelled {
            do {
                _ = try await publisher.send(ticks.next())
                sent.add(1, ordering: .relaxed)
            } catch {
                stoppedBy.withLock { $0 = error }
                return
            }
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }
}

/// The demo ticks: `{"symbol", "price", "seq"}` with the symbol as key, a
/// few symbols in turn whose prices wander a little — deterministic, so
/// every demo looks alike, yet moving, so a tail visibly changes.
struct TickGenerator {
    static let symbols = ["ACME", "GLOBEX", "INITECH", "UMBRELLA"]
    private var seq = 0
    private var prices: [Double] = [101.5, 48.2, 12.75, 230]
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    mutating func next() -> OutgoingStreamMessage {
        seq += 1
        let index = (seq - 1) % Self.symbols.count
        // xorshift: a step of -1 % to +1 % of the price, rounded to cents.
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        let step = (Double(state % 2001) / 1000 - 1) / 100
        prices[index] = max(1, ((prices[index] * (1 + step)) * 100).rounded() / 100)
        let tick: JSON = ["symbol": .string(Self.symbols[index]), "price": .double(prices[index]), "seq": .int(Int64(seq))]
        return OutgoingStreamMessage(payload: Array(tick.jsonString().utf8), key: Self.symbols[index],
                                     properties: ["source": "demo"])
    }
}
