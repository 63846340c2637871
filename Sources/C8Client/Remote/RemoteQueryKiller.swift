import C8Core
import Dispatch
import Synchronization

/// Kills a query on the server when the task that started it is cancelled.
///
/// The server names a query only once it runs, and the cursor request that
/// started it answers only when its first batch is ready; so the killer
/// looks the query up among the fabric's running ones (`GET
/// /query/current`) by its text and kills it (`DELETE /query/{id}`). The
/// blocked request then ends with the server's "query killed" (1500), as an
/// embedded query does. Since the cancellation may come before the request
/// reached the server, the killer keeps looking until the request ends.
final class RemoteQueryKiller: Sendable {
    private let transport: RemoteTransport
    private let fabric: String
    private let text: String
    private let finished = Atomic<Bool>(false)

    init(transport: RemoteTransport, fabric: String, text: String) {
        self.transport = transport
        self.fabric = fabric
        self.text = text
    }

    /// The request has its answer: nothing more to kill.
    func requestEnded() {
        finished.store(true, ordering: .releasing)
    }

    /// Starts looking for the query in the background.
    func kill() {
        DispatchQueue.global(qos: .userInitiated).async { self.hunt(attempts: 100) }
    }

    /// Another query with the very same text running in the same fabric at
    /// that moment is killed too: the REST API gives no way to tell them apart.
    private func hunt(attempts: Int) {
        guard attempts > 0, !finished.load(ordering: .acquiring) else { return }
        let running = (try? transport.send(.get, RemotePath.api(fabric, "query", "current")))?.arrayValue ?? []
        let ours = running.filter { $0["query"].stringValue == text }.compactMap { $0["id"].stringValue }
        for id in ours { _ = try? transport.send(.delete, RemotePath.api(fabric, "query", id)) }
        guard ours.isEmpty else { return }
        DispatchQueue.global(qos: .userInitiated).asyncAfter(deadline: .now() + .milliseconds(20)) {
            self.hunt(attempts: attempts - 1)
        }
    }
}
