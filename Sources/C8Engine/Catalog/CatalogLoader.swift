import C8Core
import C8Storage

/// Rebuilds tenants, fabrics, collections and indexes from the catalog
/// entries in storage when an engine opens.
struct CatalogLoader {
    let context: EngineContext

    func load() throws(C8Error) -> [String: Tenant] {
        let storage = context.storage
        var tenants: [String: Tenant] = [:]
        for entry in try entries(KeySpace.catalogRange(Catalog.Kind.tenant)) {
            guard let name = entry["name"].stringValue else { continue }
            tenants[name] = Tenant(name: name, context: context)
        }
        var fabrics: [String: Fabric] = [:]
        for entry in try entries(KeySpace.catalogRange(Catalog.Kind.fabric)) {
            guard let name = entry["name"].stringValue, let tenantName = entry["tenant"].stringValue,
                  let tenant = tenants[tenantName] else { continue }
            let fabric = Fabric(name: name, tenant: tenantName, options: FabricOptions(catalog: entry["options"]), context: context)
            tenant.attach(fabric)
            fabrics[tenantName + "\u{0}" + name] = fabric
        }
        for entry in try entries(KeySpace.catalogRange(Catalog.Kind.collection)) {
            let properties = try CollectionProperties(catalog: entry)
            guard let tenantName = entry["tenant"].stringValue, let fabricName = entry["fabric"].stringValue,
                  let fabric = fabrics[tenantName + "\u{0}" + fabricName] else { continue }
            let definitions = try entries(KeyRange(prefix: Catalog.indexPrefix(collection: properties.objectId)))
                .map { json throws(C8Error) in try IndexCatalog.definition(json) }
            var counts = Array(repeating: 0, count: Sharding.shardCount)
            storage.scan(KeySpace.counters(of: properties.objectId)) { key, value in
                if let shard = key.last, Int(shard) < counts.count { counts[Int(shard)] = Int(KeySpace.decodeCount(value)) }
                return true
            }
            let lastKey = try storage.get(KeySpace.keyGeneratorKey(collection: properties.objectId)).map { KeySpace.decodeCount($0) } ?? 0
            fabric.attach(DocumentCollection(
                properties: properties, tenant: tenantName, fabric: fabricName, context: context, indexes: definitions.sorted { $0.localId < $1.localId }.map(IndexFactory.make),
                keyGeneratorLastValue: lastKey, shardCounts: counts))
        }
        return tenants
    }

    private func entries(_ range: KeyRange) throws(C8Error) -> [JSON] {
        var result: [JSON] = []
        let iterator = context.storage.makeIterator(range, reverse: false)
        while iterator.next() { result.append(try Catalog.decode(iterator.value)) }
        return result
    }
}
