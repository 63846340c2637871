import C8Core
import C8Storage
import Synchronization

/// One region's database engine: tenants → geo fabrics → collections, over
/// one storage engine. A region of the simulated federation is one
/// instance; nothing here is global.
public final class Engine: Sendable {
    /// The tenant created on first start (the server's `--tenant`).
    public let defaultTenantName: String
    let context: EngineContext
    private let tenantsByName: Mutex<[String: Tenant]>
    /// Users, API keys and tenant profiles, and the token secret.
    public let accessControl: AccessControl

    public var storage: any StorageEngine { context.storage }
    /// The region this engine is in a federation (nil for a lone engine):
    /// writes to spot collections are taken only where it is the fabric's
    /// spot region.
    public var region: String? { context.region }
    public var clock: HybridLogicalClock { context.clock }

    /// Opens the engine over `storage`, loading the catalog, and creates the
    /// default tenant with its `_system` fabric on first start.
    ///
    /// The regions of a federation share one `accessControl` (accounts are
    /// the federation's, as GDN's are): pass the first region's to the others.
    public init(
        storage: any StorageEngine, clock: HybridLogicalClock = HybridLogicalClock(),
        limits: EngineLimits = EngineLimits(), defaultTenant: String = "c8", accessControl: AccessControl? = nil,
        region: String? = nil
    ) throws(C8Error) {
        context = try EngineContext(storage: storage, clock: clock, limits: limits, region: region)
        if let accessControl {
            self.accessControl = accessControl
        } else {
            self.accessControl = try AccessControl(storage: storage, passwordHashIterations: limits.passwordHashIterations,
                                                   apiKeyHashIterations: limits.apiKeyHashIterations)
        }
        defaultTenantName = defaultTenant
        tenantsByName = Mutex(try CatalogLoader(context: context).load())
        context.fabricLookup.withLock { lookup in
            lookup = { [weak self] tenant, fabric in try? self?.tenant(tenant).fabric(fabric) }
        }
        if tenantsByName.withLock({ $0[defaultTenant] }) == nil {
            try createTenant(defaultTenant)
        }
    }

    /// A durable engine on RocksDB in `directory`.
    /// - Throws: 400 for the data directory of a federation whose region is
    ///   kept by storage nodes: a lone engine would see none of its data and
    ///   write beside it; the federation opens it (C8Cluster).
    public static func open(directory: String, limits: EngineLimits = EngineLimits(), defaultTenant: String = "c8") throws(C8Error) -> Engine {
        let storage = try RocksDBEngine(directory: directory)
        if storage.makeIterator(KeyRange([KeySpace.storageNodes], [KeySpace.regionMetadata]), reverse: false).next() {
            storage.close()
            throw C8Error(.badParameter, "\(directory) holds a federation of regions kept by storage nodes; "
                + "open it as one (c8 --data-dir), not as a lone engine")
        }
        return try Engine(storage: storage, limits: limits, defaultTenant: defaultTenant)
    }

    /// An ephemeral engine in memory.
    public static func inMemory(limits: EngineLimits = EngineLimits(), defaultTenant: String = "c8") throws(C8Error) -> Engine {
        try Engine(storage: MemoryEngine(), limits: limits, defaultTenant: defaultTenant)
    }

    public var defaultTenant: Tenant {
        tenantsByName.withLock { $0[defaultTenantName]! }
    }

    public func tenants() -> [Tenant] {
        tenantsByName.withLock { Array($0.values) }.sorted { $0.name.utf8Compare($1.name) < 0 }
    }

    public func tenant(_ name: String) throws(C8Error) -> Tenant {
        guard let tenant = tenantsByName.withLock({ $0[name] }) else {
            throw C8Error(.httpNotFound, "tenant \(name) not found")
        }
        return tenant
    }

    /// Creates a tenant with its `_system` fabric.
    @discardableResult
    public func createTenant(_ name: String) throws(C8Error) -> Tenant {
        guard !name.isEmpty, !name.contains("\u{0}"), name.utf8.count <= 128 else {
            throw C8Error(.illegalName, detail: "tenant '\(name)'")
        }
        let tenant = try tenantsByName.withLock { tenants throws(C8Error) in
            if tenants[name] != nil { throw C8Error(.duplicateName, detail: "tenant \(name)") }
            try context.storage.put(KeySpace.catalogKey(Catalog.Kind.tenant, name), Catalog.encode(["name": .string(name)]), sync: true)
            let tenant = Tenant(name: name, context: context)
            tenants[name] = tenant
            return tenant
        }
        try tenant.createFabric("_system")
        context.catalogListeners.notify(CatalogChange(tenant: name, kind: .tenantCreated))
        return tenant
    }

    /// Drops a tenant and all its data. The default tenant stays.
    public func dropTenant(_ name: String) throws(C8Error) {
        if name == defaultTenantName { throw C8Error(.forbidden, "the default tenant cannot be dropped", httpStatus: 403) }
        let tenant = try tenantsByName.withLock { tenants throws(C8Error) in
            guard let tenant = tenants.removeValue(forKey: name) else { throw C8Error(.httpNotFound, "tenant \(name) not found") }
            return tenant
        }
        try tenant.dropAll()
        try accessControl.removeTenant(name)
        try context.storage.delete(KeySpace.catalogKey(Catalog.Kind.tenant, name), sync: true)
        context.catalogListeners.notify(CatalogChange(tenant: name, kind: .tenantDropped))
    }

    /// A fabric of the default tenant.
    public func fabric(_ name: String = "_system") throws(C8Error) -> Fabric {
        try defaultTenant.fabric(name)
    }

    /// What the document cache holds and how it has served reads (all zero
    /// when ``EngineLimits/documentCacheBytes`` is 0).
    public var documentCacheStatistics: DocumentCacheStatistics {
        context.documentCache?.statistics ?? DocumentCacheStatistics()
    }

    /// What the edge cache holds and has done (all zero when
    /// ``EngineLimits/edgeCacheBytes`` is 0); its entries are edge lists.
    public var edgeCacheStatistics: DocumentCacheStatistics {
        context.edgeCache?.statistics ?? DocumentCacheStatistics()
    }

    /// Flushes and releases storage.
    public func close() {
        context.storage.close()
    }
}
