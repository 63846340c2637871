import C8Core

/// `:filter` of the console's stream tail, on the embedded query engine.
extension EmbeddedConnection {
    public func filterMessages(_ expression: String, payloads: [JSON], in fabric: String) async throws(C8Error) -> [Bool] {
        try await work { [self] () throws(C8Error) in
            let results = try queries.query(
                try StreamMessageFilter.readOnlyQuery(for: expression), bindVariables: StreamMessageFilter.bindVariables(payloads),
                fabric: try engine.defaultTenant.fabric(fabric))
            return try StreamMessageFilter.verdicts(results, count: payloads.count)
        }
    }
}
