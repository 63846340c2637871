import C8Core

/// The knobs of a ``StreamService``; tests shorten the delays.
public struct StreamServiceOptions: Sendable {
    /// Source of publish times and of the TTL's "now" (ms since the epoch).
    public var clock: any PhysicalClock = SystemClock()
    /// How long a negatively acknowledged message waits before it is
    /// redelivered (Pulsar's client default is a minute; a second keeps
    /// interactive use snappy).
    public var negativeAckRedeliveryDelay: Duration = .seconds(1)
    /// How often the timer checks negative-ack delays and ack timeouts.
    public var tickInterval: Duration = .milliseconds(50)
    /// How often TTL expiry and retention run.
    public var maintenanceInterval: Duration = .seconds(1)
    /// A fabric's message TTL until one is set (C8's default: an hour);
    /// 0 = messages never expire.
    public var defaultMessageTTL = 3600
    /// Messages kept in memory per persistent stream, so consumers that
    /// trail the producer a little are served without reading storage.
    /// Four receiver queues' worth (Pulsar's default queue is 1,000): a
    /// Shared subscription of a few consumers trails by about the sum of
    /// their queues, and with 1,024 every delivery of a 4-consumer
    /// subscription under load was a storage read. About 1 MB for a busy
    /// stream of 100-byte messages; a stream that publishes nothing holds none.
    public var tailCacheSize = 4096
    /// Whether every publish and ack waits for the write-ahead log to reach
    /// the disk (RocksDB). Off: a process crash loses nothing, a power
    /// loss may lose the last writes.
    public var syncWrites = false
    /// The largest payload accepted, in bytes (Pulsar's default, 5 MiB).
    public var maximumMessageSize = 5 << 20

    public init() {}
}
