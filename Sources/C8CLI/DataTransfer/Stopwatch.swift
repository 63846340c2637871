import Dispatch

/// Elapsed wall-clock time on the monotonic clock, for rates and ETAs.
struct Stopwatch {
    private let start = DispatchTime.now().uptimeNanoseconds

    var seconds: Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
