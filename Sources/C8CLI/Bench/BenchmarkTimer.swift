import Dispatch

/// Runs two workloads alternately (A B A B …) so drift on a shared machine
/// hits both alike, and reports medians.
struct SideBySide {
    var runs: Int

    /// Seconds per run of `a` and of `b`, medians.
    func measure(_ a: () -> Void, _ b: () -> Void) -> (a: Double, b: Double) {
        a(); b()  // warm-up, discarded
        var timesA: [Double] = []
        var timesB: [Double] = []
        for _ in 0..<runs {
            timesA.append(Self.time(a))
            timesB.append(Self.time(b))
        }
        return (Self.median(timesA), Self.median(timesB))
    }

    static func time(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }
}
