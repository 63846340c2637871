/// Something registered with an `EventLoop` for a file descriptor: a
/// listener or a connection. Every call arrives on the loop's thread.
protocol EventLoopHandler: AnyObject {
    /// The epoll events that fired for the handler's descriptor.
    func handleEvents(_ events: UInt32)
    /// Called on every tick of the loop's clock, so a handler can enforce
    /// its deadlines without a timer of its own.
    func checkTimeouts(now: ContinuousClock.Instant)
    /// Ends at once: the server is stopping and its grace period is over.
    func forceClose()
}
