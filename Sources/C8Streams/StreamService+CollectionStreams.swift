import C8Core
import C8Engine

/// Collection streams: every committed change of a `hasStream` collection
/// is published on the local stream named after the collection.
///
/// The message: payload = the document as JSON text (the new revision;
/// the removed one for a remove), key = its `_key` (so Key_Shared keeps a
/// document's changes on one consumer), properties `op`
/// (insert/update/replace/remove), `_key` and `collection`.
extension StreamService {
    func publishChanges(_ changes: [CollectionChange]) {
        for change in changes {
            let name = StreamName(tenant: change.tenant, fabric: change.fabric, kind: .collection, name: change.collection)
            let message = OutgoingMessage(
                payload: change.document.serialized(), key: change.key,
                properties: ["op": change.kind.rawValue, "_key": change.key, "collection": change.collection])
            // The change is committed whatever happens here; a failure to
            // publish (service closed, storage error) cannot undo it.
            do {
                _ = try topic(name).publish(message, producer: nil, producerName: change.collection)
            } catch {
                continue
            }
        }
    }
}
