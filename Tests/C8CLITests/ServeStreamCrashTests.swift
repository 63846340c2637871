import C8Core
import C8Net
import Foundation
import XCTest

/// kill -9 of `c8 serve` under stream producers and a consumer over the
/// Pulsar WebSocket API. Each round starts the server on the same data
/// directory; two producers publish and wait for each receipt; an
/// Exclusive consumer (subscription `crashsub`, from the earliest message)
/// acknowledges most messages it gets and leaves some unacknowledged; the
/// server is killed after a random (seeded) 1–2.5 s. Checked, over every
/// round and a last drain:
///
/// - **no receipted message is lost**: every message whose publish was
///   answered with a receipt is delivered to the subscription, before the
///   kill or after a restart (the drain acknowledges all and waits for them);
/// - **no acknowledged message is delivered again**: an ack sent more than
///   `ackGrace` (1 s) before the kill is never followed by a delivery of the
///   same message. Acks are persisted in batches after they are applied
///   (Docs/STREAMS.md "Acks are persisted in batches"), so an ack in the
///   last moment before the kill may come back — at-least-once, as
///   documented; those are counted and printed, not failed;
/// - no message is delivered twice to the connected consumer while the
///   server lives, and nothing arrives that nobody published.
///
/// Producers pause `C8_STREAM_PACE_US` (1000) µs between publishes: with
/// `0` they saturate the 2-core box, and acks then took up to ~0.9 s to
/// reach storage — the documented at-least-once window, stretched by a
/// starved server, not a lost persisted ack (with the 1 s grace such runs
/// pass; with `C8_STREAM_ACK_GRACE_MS=300` they did not). See
/// Docs/RELIABILITY.md.
///
/// 3 rounds in CI; `C8_CRASH_ROUNDS=50` for the long campaign,
/// `C8_CRASH_SEED=S` to replay.
final class ServeStreamCrashTests: DataDirTestCase {
    static let namespace = "c8/c8global._system/c8globals.crashstream"
    static let subscription = "crashsub"
    /// How long before a kill an ack must have been sent to count as
    /// persisted (`C8_STREAM_ACK_GRACE_MS`, 1000 by default: `make test`
    /// runs tests in parallel on two cores, and a starved server took up
    /// to ~0.9 s to store an ack).
    static let ackGrace = Double(CrashCampaign.knob("C8_STREAM_ACK_GRACE_MS", 1000)) / 1000

    struct State: @unchecked Sendable {
        var receipted: [String: String] = [:]
        /// Payload → the monotonic time its last ack was sent and the round.
        var acked: [String: (time: Double, round: Int)] = [:]
        /// Acks that no longer may come back: sent well before their round's kill.
        var settledAcks: [String: Double] = [:]
        var deliveredThisLife: Set<String> = []
        var deliveredEver: Set<String> = []
        var violations: [String] = []
        var windowRedeliveries = 0
        var unackedLeft = 0
    }

    func testKilledServerLosesNoReceiptedMessageAndRedeliversNoAcknowledgedOne() throws {
        let rounds = CrashCampaign.knob("C8_CRASH_ROUNDS", 3)
        let seed = CrashCampaign.seed(0x57_C8)
        var random = SplitMix64(seed: seed)
        let dataDir = temporaryPath("stream-crash")
        let state = Guarded(State())

        for round in 0..<rounds {
            let server = try CrashServer(dataDir: dataDir)
            if round == 0 {
                let created = try server.client().json(.post, "/_fabric/_system/_api/streams/crashstream?global=true")
                XCTAssertEqual(created.status, 200, created.json.jsonString())
            }
            state.withLock { $0.deliveredThisLife = [] }
            let stop = Guarded(false)
            let port = server.port
            let roundSeed = random.next()
            let consumerReady = DispatchSemaphore(value: 0)
            let threads = DispatchGroup()
            DispatchQueue.global().async(group: threads) {
                Self.consume(port: port, round: round, seed: roundSeed, ackAll: false, state: state, stop: stop, ready: consumerReady)
            }
            XCTAssertEqual(consumerReady.wait(timeout: .now() + 20), .success, "the consumer did not connect")
            for producer in 0..<2 {
                DispatchQueue.global().async(group: threads) {
                    Self.produce(port: port, name: "r\(round)-p\(producer)", state: state, stop: stop)
                }
            }
            let delay = 1000 + Int(random.next() % 1500)
            usleep(useconds_t(delay * 1000))
            let killedAt = Self.now()
            try server.kill9()
            stop.withLock { $0 = true }
            threads.wait()
            state.withLock { state in
                for (payload, ack) in state.acked where ack.round == round && ack.time < killedAt - Self.ackGrace {
                    state.settledAcks[payload] = killedAt - ack.time
                }
            }
        }

        // The drain: everything receipted and not acknowledged comes now.
        let server = try CrashServer(dataDir: dataDir)
        state.withLock { $0.deliveredThisLife = [] }
        let stop = Guarded(false)
        let port = server.port
        let ready = DispatchSemaphore(value: 0)
        let drained = DispatchGroup()
        DispatchQueue.global().async(group: drained) {
            Self.consume(port: port, round: rounds, seed: 0, ackAll: true, state: state, stop: stop, ready: ready)
        }
        XCTAssertEqual(ready.wait(timeout: .now() + 20), .success, "the draining consumer did not connect")
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let missing = state.withLock { state in state.receipted.keys.filter { state.acked[$0] == nil }.count }
            if missing == 0 { break }
            usleep(50_000)
        }
        usleep(300_000)  // anything delivered twice would show now
        stop.withLock { $0 = true }
        drained.wait()
        try server.kill9()

        let final = state.withLock { $0 }
        XCTAssertEqual(final.violations, [], "C8_CRASH_SEED=\(seed)")
        let lost = final.receipted.keys.filter { final.acked[$0] == nil }.sorted()
        XCTAssertTrue(lost.isEmpty, "C8_CRASH_SEED=\(seed): \(lost.count) of \(final.receipted.count) receipted messages never "
                      + "acknowledged (\(lost.filter(final.deliveredEver.contains).count) of them delivered once), e.g. "
                      + "\(lost.prefix(10).map { "\($0) \(final.receipted[$0] ?? "")" })")
        XCTAssertGreaterThan(final.receipted.count, rounds * 10, "too few receipts to prove anything")
        XCTAssertGreaterThan(final.settledAcks.count, 0, "no ack was settled before a kill: the redelivery check proved nothing")
        XCTAssertGreaterThan(final.unackedLeft, 0, "every message was acknowledged before the kills: nothing had to survive one")
        print("ServeStreamCrashTests: \(rounds) rounds, \(final.receipted.count) receipted, \(final.settledAcks.count) acks settled "
              + "before a kill, \(final.unackedLeft) left unacknowledged at a kill, \(final.windowRedeliveries) acks within "
              + "\(Self.ackGrace) s of a kill delivered again (allowed)")
    }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    private static func connect(_ port: Int, _ path: String) throws -> WebSocketClient {
        var headers = HTTPHeaders()
        headers.add("Authorization", "apikey " + CrashCampaign.adminKey)
        return try WebSocketClient.connect(to: "ws://127.0.0.1:\(port)/_ws/ws/v2/\(path)", headers: headers)
    }

    private static func payload(_ frame: JSON) -> String? {
        frame["payload"].stringValue.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Publishes `name-0`, `name-1`, … one at a time, each after the
    /// previous receipt, until the server dies or `stop`.
    private static func produce(port: Int, name: String, state: Guarded<State>, stop: Guarded<Bool>) {
        let pace = useconds_t(CrashCampaign.knob("C8_STREAM_PACE_US", 1000))
        guard let producer = try? connect(port, "producer/persistent/\(namespace)?producerName=\(name)") else { return }
        var serial = 0
        while !stop.withLock({ $0 }) {
            let text = "\(name)-\(serial)"
            serial += 1
            let frame: JSON = ["payload": .string(Data(text.utf8).base64EncodedString()), "context": .string(text)]
            do {
                try producer.send(text: frame.jsonString())
                guard case .text(let answer)? = try producer.receive(timeout: .seconds(10)) else { return }
                let receipt = try JSON.parse(answer)
                guard receipt["result"] == "ok", receipt["context"].stringValue == text, let id = receipt["messageId"].stringValue else {
                    state.withLock { $0.violations.append("publish \(text): \(answer)") }
                    return
                }
                state.withLock { $0.receipted[text] = id }
                usleep(pace)
            } catch {
                return
            }
        }
        try? producer.close()
    }

    /// The Exclusive consumer: checks each delivery, acknowledges it
    /// (all of them with `ackAll`, else about 85 %).
    private static func consume(port: Int, round: Int, seed: UInt64, ackAll: Bool, state: Guarded<State>,
                                stop: Guarded<Bool>, ready: DispatchSemaphore) {
        var random = SplitMix64(seed: seed)
        let path = "consumer/persistent/\(namespace)/\(subscription)?subscriptionType=Exclusive"
            + "&subscriptionInitialPosition=Earliest&receiverQueueSize=100"
        guard let consumer = try? connect(port, path) else {
            state.withLock { $0.violations.append("round \(round): the consumer could not connect") }
            ready.signal()
            return
        }
        ready.signal()
        var unacked = 0
        defer { state.withLock { $0.unackedLeft += ackAll ? 0 : unacked } }
        while !stop.withLock({ $0 }) {
            let message: WebSocketMessage?
            do {
                message = try consumer.receive(timeout: .milliseconds(200))
            } catch {
                return
            }
            guard let message else {
                if consumer.closeStatus != nil { return }
                continue
            }
            guard case .text(let text) = message, let frame = try? JSON.parse(text),
                  let id = frame["messageId"].stringValue, let payload = payload(frame) else { continue }
            let acknowledge = ackAll || random.next() % 100 < 85
            let problem: String? = state.withLock { state in
                defer {
                    state.deliveredThisLife.insert(payload)
                    state.deliveredEver.insert(payload)
                }
                if state.deliveredThisLife.contains(payload) { return "round \(round): \(payload) delivered twice while the server ran" }
                if let age = state.settledAcks[payload] {
                    return "round \(round): \(payload) delivered again after its ack, sent \(String(format: "%.2f", age)) s before the kill"
                }
                if state.acked[payload] != nil { state.windowRedeliveries += 1 }
                if state.receipted[payload] == nil && !payload.hasPrefix("r") { return "round \(round): \(payload) was never published" }
                return nil
            }
            if let problem { state.withLock { $0.violations.append(problem) } }
            guard acknowledge else {
                unacked += 1
                continue
            }
            do {
                try consumer.send(text: #"{"messageId":"\#(id)"}"#)
                let sent = now()
                state.withLock { $0.acked[payload] = (sent, round) }
            } catch {
                return
            }
        }
        try? consumer.close()
    }
}
