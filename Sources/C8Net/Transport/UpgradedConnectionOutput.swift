/// The `ConnectionOutput` an upgraded protocol writes through. Calls from
/// any thread become tasks on the connection's loop, so bytes keep the
/// order they were written in and never interleave with a read callback.
final class UpgradedConnectionOutput: ConnectionOutput {
    private let connection: HTTPConnection

    init(connection: HTTPConnection) {
        self.connection = connection
    }

    func write(_ bytes: [UInt8]) {
        let connection = connection
        connection.loop.execute { connection.writeFromUpgrade(bytes) }
    }

    func close() {
        let connection = connection
        connection.loop.execute { connection.closeAfterOutput() }
    }
}
