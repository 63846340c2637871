import C8Core
import C8Streams

/// A region's streams as replication applies other regions' changes to
/// them: creates and deletes its copies of global streams, and publishes
/// their messages, marked with the region they came from.
struct StreamTarget: Sendable {
    let service: StreamService
    let replicator: GlobalStreamReplicator
    /// The region the change came from.
    let origin: String

    func apply(_ change: StreamChange) throws(C8Error) {
        let name = StreamName(tenant: change.tenant, fabric: change.fabric, kind: .global, name: change.stream)
        switch change.kind {
        case .created(let persistent):
            replicator.noteApplied(name)
            do throws(C8Error) {
                _ = try service.createStream(name, persistent: persistent)
            } catch where error.errorNum == ErrorCode.duplicateName.rawValue {}
        case .deleted:
            replicator.noteApplied(name)
            do throws(C8Error) {
                try service.deleteStream(name, force: true)
            } catch where error.code == 404 {}
        case .message(let message):
            var properties = message.properties
            properties[StreamChangeMessage.originProperty] = origin
            _ = try service.publish(OutgoingMessage(payload: message.payload, key: message.key, properties: properties,
                                                    eventTime: message.eventTime),
                                    to: name, producerName: message.producerName)
        }
    }
}
