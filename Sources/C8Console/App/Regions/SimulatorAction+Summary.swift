import C8Client

/// What the status line says once the simulator did it.
extension SimulatorAction {
    var summary: String {
        switch self {
        case .partition(let a, let b): "partitioned \(a) ↔ \(b)"
        case .heal(let pair?): "healed \(pair.0) ↔ \(pair.1)"
        case .heal(nil): "healed every link"
        case .regionDown(let r): "region \(r) is down"
        case .regionUp(let r): "region \(r) is up"
        case .nodeDown(let r, let n): "node \(n) of \(r) is down"
        case .nodeUp(let r, let n): "node \(n) of \(r) is up"
        case .latency(let a, let b, let ms): "latency \(a) ↔ \(b) is \(RegionCommand.milliseconds(ms)) ms"
        }
    }
}
