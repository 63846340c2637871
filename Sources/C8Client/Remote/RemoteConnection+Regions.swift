import C8Core
import C8Net

extension RemoteConnection {
    public var region: String { regionName.withLock { $0 } }

    /// Sends every later request to the region's own host
    /// (`tags.api` of `/datacenter/{dc}`, e.g. `api-eu-west.example.com`),
    /// as GDN clients reach a regional endpoint.
    public func useRegion(_ name: String) async throws(C8Error) {
        let described = try await transport.call(.get, "/datacenter/" + RemotePath.encode(name))
        guard let host = described["tags"]["api"].stringValue, !host.isEmpty else {
            throw C8Error.datacenterNotFound(name)
        }
        transport.setHostOverride(host)
        regionName.withLock { $0 = described["name"].stringValue ?? name }
    }

    public func simulatorStatus() async throws(C8Error) -> SimulatorStatus {
        SimulatorStatus(json: try await transport.call(.get, "/_api/simulator"))
    }

    public func simulate(_ action: SimulatorAction) async throws(C8Error) {
        let request = action.request
        _ = try await transport.call(request.method == "PUT" ? .put : .post, "/_api" + request.path, body: request.body)
    }

    /// Learns the region the endpoint serves (`/datacenter/local`); an
    /// endpoint without one keeps the name empty.
    func learnRegion() async {
        if let local = try? await transport.call(.get, "/datacenter/local"), let name = local["name"].stringValue {
            regionName.withLock { $0 = name }
        }
    }
}
