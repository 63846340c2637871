import C8Core
import C8Streams

/// What a stream socket's URL names (Pulsar's WebSocket API v2):
/// `/_ws/ws/v2/{producer|consumer|reader}/{persistent|non-persistent}/{tenant}/{namespace}/{topic}[/{subscription}]`,
/// where the namespace `c8global.<fabric>` or `c8local.<fabric>` names the
/// fabric and the topic is `c8globals.X`, `c8locals.X`, or a collection's
/// name (its change stream, local).
struct StreamSocketTarget: Sendable, Equatable {
    let stream: StreamName
    /// Whether the URL asked for a persistent topic.
    let persistent: Bool

    static let globalNamespacePrefix = "c8global."
    static let localNamespacePrefix = "c8local."

    /// - Throws: 400 for a persistence other than the two Pulsar knows, a
    ///   namespace that is not `c8global.<f>` / `c8local.<f>`, or a topic
    ///   whose prefix contradicts its namespace.
    init(persistence: String, tenant: String, namespace: String, topic: String) throws(C8Error) {
        switch persistence {
        case "persistent": persistent = true
        case "non-persistent": persistent = false
        default: throw C8Error(.badParameter, "unknown topic domain '\(persistence)': use persistent or non-persistent")
        }
        let global: Bool
        let fabric: String
        if namespace.hasPrefix(Self.globalNamespacePrefix) {
            global = true
            fabric = String(namespace.dropFirst(Self.globalNamespacePrefix.count))
        } else if namespace.hasPrefix(Self.localNamespacePrefix) {
            global = false
            fabric = String(namespace.dropFirst(Self.localNamespacePrefix.count))
        } else {
            throw C8Error(.badParameter, "namespace '\(namespace)' is neither c8global.<fabric> nor c8local.<fabric>")
        }
        guard !fabric.isEmpty else { throw C8Error(.badParameter, "namespace '\(namespace)' names no fabric") }
        let stream = try StreamName.parse(topic, tenant: tenant, fabric: fabric, bareKind: .collection)
        guard (stream.kind == .global) == global else {
            throw C8Error(.badParameter, "topic '\(topic)' does not belong to namespace '\(namespace)'")
        }
        self.stream = stream
    }
}
