import C8Core

extension Fabric {
    /// Changes the fabric's options — metadata, spot region, regions — and
    /// persists them (`PUT|PATCH …/database/metadata`, `PUT …/database/{dc}`).
    public func changeOptions(_ change: (inout FabricOptions) -> Void) throws(C8Error) {
        try updateOptions(change)
        context.catalogListeners.notify(CatalogChange(tenant: tenant, fabric: name, kind: .fabricOptionsChanged(options)))
    }
}
