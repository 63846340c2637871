import C8Core
import C8Engine
import C8Storage
import Foundation

extension Federation {
    /// A durable federation in a data directory: the local (first) region's
    /// storage is the directory itself — what a single-region engine and
    /// every earlier version used, so tools that open one engine there see
    /// the local region — and each other region's is `regions/<name>` inside it.
    ///
    /// A data directory written before it had regions holds only the local
    /// region's data; the other regions start as a copy of it (their first
    /// start), so every region begins from the same state.
    ///
    /// With `regionNames` nil, the regions are those the directory was last
    /// opened with, or the configuration's on a first start; otherwise they
    /// must be the directory's (a clear error says which they are).
    public static func open(
        directory: String, regionNames: [String]? = nil, configuration: FederationConfiguration = FederationConfiguration(),
        scheduler: any ClusterScheduler = RealTimeScheduler(), limits: EngineLimits = EngineLimits(), defaultTenant: String = "c8"
    ) throws(C8Error) -> Federation {
        var storages: [RocksDBEngine] = [try RocksDBEngine(directory: directory)]
        do throws(C8Error) {
            var configuration = configuration
            if let regionNames {
                configuration.regionNames = regionNames
            } else if let stored = try ReplicationLog(storage: storages[0]).regionNames() {
                configuration.regionNames = stored
            }
            try configuration.validate()
            for (index, name) in configuration.regionNames.enumerated() where index > 0 {
                let path = regionDirectory(directory, name)
                do {
                    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
                } catch {
                    throw C8Error(.failed, "cannot create the region directory \(path): \(error.localizedDescription)")
                }
                storages.append(try RocksDBEngine(directory: path))
            }
            // Read before the local store is set up in nodes, which moves its keys.
            let predatesRegions = try ReplicationLog(storage: storages[0]).regionNames() == nil && hasCatalog(storages[0])
            var regionStorages: [any StorageEngine] = []
            for storage in storages { regionStorages.append(try regionStorage(storage, configuration)) }
            if predatesRegions { try seed(from: regionStorages[0], into: Array(regionStorages.dropFirst())) }
            let opened = regionStorages
            let names = configuration.regionNames
            return try Federation(configuration: configuration, scheduler: scheduler) { name, clock, accessControl throws(C8Error) in
                let index = names.firstIndex(of: name)!
                return try Engine(storage: opened[index], clock: clock, limits: limits, defaultTenant: defaultTenant,
                                  accessControl: accessControl, region: name)
            }
        } catch {
            for storage in storages { storage.close() }
            throw error
        }
    }

    /// Where region `name` (not the local one) keeps its storage.
    public static func regionDirectory(_ directory: String, _ name: String) -> String {
        (directory as NSString).appendingPathComponent("regions/" + name)
    }

    /// Closes every region's engine.
    public func close() {
        detach()
        for region in regions { streams(of: region)?.close() }
        for region in regions { region.engine.close() }
    }

    /// Copies a local region that predates the federation (it has data but
    /// no replication state) into the regions that have none: streams and
    /// replication state stay behind.
    private static func seed(from local: any StorageEngine, into others: [any StorageEngine]) throws(C8Error) {
        for fresh in others where !hasCatalog(fresh) {
            let iterator = local.makeIterator(KeyRange([], [KeySpace.regionMetadata]), reverse: false)
            var batch = WriteBatch()
            var staged = 0
            while iterator.next() {
                let kind = iterator.key.first ?? 0
                guard kind != KeySpace.streams, kind != KeySpace.replication else { continue }
                batch.put(Array(iterator.key), Array(iterator.value))
                staged += 1
                if staged == 10_000 {
                    try fresh.write(batch, sync: false)
                    batch = WriteBatch()
                    staged = 0
                }
            }
            try fresh.write(batch, sync: true)
        }
    }

    private static func hasCatalog(_ storage: any StorageEngine) -> Bool {
        storage.makeIterator(KeyRange(prefix: [KeySpace.catalog]), reverse: false).next()
    }
}
