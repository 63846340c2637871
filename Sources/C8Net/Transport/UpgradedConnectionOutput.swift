import Synchronization

/// The `ConnectionOutput` an upgraded protocol writes through. Writes from
/// any thread are gathered here and handed to the connection's loop by one
/// task, so bytes keep the order they were written in and never interleave
/// with a read callback.
///
/// One loop task per write (a closure, a lock on the loop's queue and often
/// an eventfd wake-up each) was what a WebSocket paid per frame for stream
/// receipts and deliveries, which are written from other threads a frame at
/// a time; now the frames written while a hand-over is pending ride along
/// with it.
final class UpgradedConnectionOutput: ConnectionOutput {
    private let connection: HTTPConnection
    private let pending = Mutex(Pending())

    private struct Pending {
        var bytes: [UInt8] = []
        /// Whether a task that takes `bytes` is queued on the loop.
        var handOverQueued = false
    }

    init(connection: HTTPConnection) {
        self.connection = connection
    }

    func write(_ bytes: [UInt8]) {
        let queueHandOver = pending.withLock { pending -> Bool in
            if pending.bytes.isEmpty { pending.bytes = bytes } else { pending.bytes.append(contentsOf: bytes) }
            guard !pending.handOverQueued else { return false }
            pending.handOverQueued = true
            return true
        }
        guard queueHandOver else { return }
        connection.loop.execute { [self] in
            let bytes = takePending()
            if !bytes.isEmpty { connection.writeFromUpgrade(bytes) }
        }
    }

    func close() {
        connection.loop.execute { [self] in
            // Whatever was written before the close goes first, even when
            // its hand-over task runs after this one.
            let bytes = takePending()
            if !bytes.isEmpty { connection.writeFromUpgrade(bytes) }
            connection.closeAfterOutput()
        }
    }

    private func takePending() -> [UInt8] {
        pending.withLock { pending in
            pending.handOverQueued = false
            defer { pending.bytes = [] }
            return pending.bytes
        }
    }
}
