import C8Client
@testable import C8Console
import C8Core
import Foundation

/// Fixed streams, stats and messages for the Streams pane's tests: no
/// connection, no clock, so reducers and screens are deterministic.
enum StreamsFixture {
    static let utc = TailClock(timeZone: TimeZone(identifier: "UTC")!)
    /// 2026-11-22T10:00:00Z in milliseconds.
    static let base: UInt64 = 1_795_341_600_000

    static func state(width: Int = 100, height: Int = 30, readOnly: Bool = false) -> AppState {
        var state = AppState(endpoint: "/data/c8", readOnly: readOnly, theme: BuiltinTheme.theme, size: (width, height), region: "us-east")
        _ = Reducer.reduce(&state, .start)
        _ = Reducer.reduce(&state, .completed(.fabrics(.success([FabricInfo(name: "_system", isSystem: true), FabricInfo(name: "demo", isSystem: false)]))))
        _ = Reducer.reduce(&state, .completed(.collections(fabric: "_system", .success([CollectionInfo(name: "users", kind: .document, count: 240)]))))
        _ = Reducer.reduce(&state, .completed(.history(fabric: "_system", [])))
        state.pending = 0
        state.streams.clock = utc
        return state
    }

    static func stats(rateIn: Double, rateOut: Double, backlog: Int = 0, consumers: [String] = []) -> JSON {
        let consumerList = JSON.array(consumers.map { .object(["consumerName": .string($0)]) })
        return [
            "msgRateIn": .double(rateIn), "msgRateOut": .double(rateOut), "storageSize": 1024,
            "publishers": [["producerName": "p-1"]],
            "subscriptions": .object([
                "audit": ["msgBacklog": .int(Int64(backlog)), "type": "Shared", "msgRateOut": .double(rateOut), "consumers": consumerList],
                "billing": ["msgBacklog": 0, "type": "Exclusive", "msgRateOut": 0, "consumers": []],
            ]),
        ]
    }

    static let snapshots: [StreamSnapshot] = [
        StreamSnapshot(summary: StreamSummary(topic: "c8globals.ticks", isLocal: false), stats: stats(rateIn: 1, rateOut: 1, backlog: 3, consumers: ["w1", "w2"])),
        StreamSnapshot(summary: StreamSummary(topic: "c8locals.orders", isLocal: true), stats: stats(rateIn: 120, rateOut: 80, backlog: 1500)),
        StreamSnapshot(summary: StreamSummary(topic: "c8globals.scratch", isLocal: false, isPersistent: false), stats: stats(rateIn: 0, rateOut: 0)),
    ]

    /// Shows the pane and answers `polls` polls, rates climbing each time.
    static func shown(_ state: inout AppState, polls: Int = 1) {
        _ = Reducer.reduce(&state, .input(.key(.char("5"))))
        for poll in 0..<polls {
            let snapshots = Self.snapshots.map { snapshot in
                var s = snapshot
                let factor = Double(poll + 1) / Double(polls)
                s.stats = stats(rateIn: (snapshot.stats["msgRateIn"].doubleValue ?? 0) * factor,
                                rateOut: (snapshot.stats["msgRateOut"].doubleValue ?? 0) * factor,
                                backlog: Int(snapshot.stats["subscriptions"]["audit"]["msgBacklog"].intValue ?? 0),
                                consumers: (snapshot.stats["subscriptions"]["audit"]["consumers"].arrayValue ?? []).compactMap { $0["consumerName"].stringValue })
                return s
            }
            _ = Reducer.reduce(&state, .completed(.streamsPolled(fabric: "_system", generation: state.streams.pollGeneration, .success(snapshots))))
        }
    }

    /// Message `n`: JSON `{"n": n, "city": …}` published `n` seconds after `base`.
    static func message(_ n: Int, key: String? = nil, properties: [String: String] = [:], text: String? = nil) -> StreamMessageView {
        let payload = text ?? #"{"n":\#(n),"city":"\#(["Lagos", "Oslo", "Lima"][n % 3])"}"#
        return StreamMessageView(id: "m\(n)", payload: Array(payload.utf8), key: key, properties: properties,
                                 publishTime: base + UInt64(n) * 1000)
    }

    static func messages(_ range: Range<Int>) -> [StreamMessageView] { range.map { message($0) } }
}
