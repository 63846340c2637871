import C8Core
import C8Storage
import Synchronization

/// A tenant: its own geo fabrics, isolated from every other tenant's.
/// Every tenant has a `_system` fabric that cannot be dropped.
public final class Tenant: Sendable {
    public let name: String
    let context: EngineContext
    private let fabricsByName: Mutex<[String: Fabric]>

    init(name: String, context: EngineContext) {
        self.name = name
        self.context = context
        fabricsByName = Mutex([:])
    }

    /// Fabrics sorted by name, `_system` first.
    public func fabrics() -> [Fabric] {
        fabricsByName.withLock { Array($0.values) }.sorted { a, b in
            a.isSystem != b.isSystem ? a.isSystem : a.name.utf8Compare(b.name) < 0
        }
    }

    /// - Throws: 1228 when the fabric does not exist.
    public func fabric(_ name: String) throws(C8Error) -> Fabric {
        guard let fabric = fabricsByName.withLock({ $0[name] }) else {
            throw C8Error(.databaseNotFound, detail: name)
        }
        return fabric
    }

    /// Creates a fabric.
    /// - Throws: 1229 bad name, 1207 when it exists.
    @discardableResult
    public func createFabric(_ name: String, options: FabricOptions = FabricOptions()) throws(C8Error) -> Fabric {
        try Names.validateFabric(name)
        let fabric = try fabricsByName.withLock { fabrics throws(C8Error) in
            if fabrics[name] != nil { throw C8Error(.duplicateName, detail: "fabric \(name)") }
            let fabric = Fabric(name: name, tenant: self.name, options: options, context: context)
            try context.storage.put(
                Catalog.fabricKey(tenant: self.name, fabric: name), Catalog.encode(fabric.catalogJSON(options)), sync: true)
            fabrics[name] = fabric
            return fabric
        }
        context.catalogListeners.notify(CatalogChange(tenant: self.name, fabric: name, kind: .fabricCreated(options)))
        return fabric
    }

    /// Drops a fabric and everything in it. `_system` cannot be dropped.
    public func dropFabric(_ name: String) throws(C8Error) {
        if name == "_system" { throw C8Error(.forbidden, "the _system fabric cannot be dropped", httpStatus: 403) }
        let fabric = try fabricsByName.withLock { fabrics throws(C8Error) in
            guard let fabric = fabrics.removeValue(forKey: name) else { throw C8Error(.databaseNotFound, detail: name) }
            return fabric
        }
        try fabric.dropAll()
        try context.storage.delete(Catalog.fabricKey(tenant: self.name, fabric: name), sync: true)
        context.catalogListeners.notify(CatalogChange(tenant: self.name, fabric: name, kind: .fabricDropped))
    }

    func attach(_ fabric: Fabric) {
        fabricsByName.withLock { $0[fabric.name] = fabric }
    }

    /// Removes every fabric (the tenant itself is removed by the engine).
    func dropAll() throws(C8Error) {
        let all = fabricsByName.withLock { fabrics in
            defer { fabrics = [:] }
            return Array(fabrics.values)
        }
        for fabric in all {
            try fabric.dropAll()
            try context.storage.delete(Catalog.fabricKey(tenant: name, fabric: fabric.name), sync: true)
        }
    }
}
