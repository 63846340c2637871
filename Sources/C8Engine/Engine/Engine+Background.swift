import C8Core

extension Engine {
    /// A reaper that removes documents past their TTL index expiry in
    /// every collection of every tenant (and expired key/value pairs).
    /// Callers start it (`c8 serve`, the console) and stop it on shutdown;
    /// tests drive it with `runOnce(now:)`.
    public func makeTTLReaper(interval: Double = 1) -> TTLReaper {
        TTLReaper(interval: interval) { [weak self] in
            guard let self else { return [] }
            var targets: [TTLReaper.Target] = []
            for tenant in self.tenants() {
                for fabric in tenant.fabrics() {
                    for collection in fabric.collections() {
                        for case let index as TTLIndex in collection.indexes {
                            targets.append(TTLReaper.Target(index: index, storage: self.storage) { keys in
                                _ = try? collection.remove(many: keys.map { .string($0) })
                            })
                        }
                    }
                }
            }
            return targets
        }
    }
}
