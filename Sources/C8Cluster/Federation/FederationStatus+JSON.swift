import C8Core

extension FederationStatus {
    /// The simulator API's form (`GET /_api/simulator`): `{"regions":[{name,
    /// up, spotCapable, nodes:[{id, up, shardsLed}], links:[{to, latencyMs,
    /// jitterMs, partitioned, lagMs, pendingOps}], conflictsResolved,
    /// applyFailures, lastFailure}]}`.
    public var json: JSON {
        ["regions": .array(regions.map(\.json))]
    }
}

extension FederationStatus.Region {
    var json: JSON {
        var object: JSONObject = [
            "name": .string(name), "up": .bool(up), "spotCapable": .bool(spotCapable),
            "nodes": .array(nodes.map { ["id": .string($0.id), "up": .bool($0.up), "shardsLed": .int(Int64($0.shardsLed))] }),
            "links": .array(links.map(\.json)),
            "conflictsResolved": .int(Int64(conflictsResolved)), "applyFailures": .int(Int64(applyFailures)),
        ]
        if let lastFailure { object["lastFailure"] = .string(lastFailure) }
        return .object(object)
    }
}

extension FederationStatus.Link {
    var json: JSON {
        ["to": .string(to), "latencyMs": .double(latencyMs), "jitterMs": .double(jitterMs), "partitioned": .bool(partitioned),
         "lagMs": .double((lagMs * 1000).rounded() / 1000), "pendingOps": .int(Int64(pendingOps))]
    }
}
