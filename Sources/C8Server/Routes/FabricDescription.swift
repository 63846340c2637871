import C8Core
import C8Engine

/// A fabric as GDN describes it (`database/current`, `database/user`,
/// `database/metadata`): `{name, options: {dcList, spotDc, tenant, name,
/// realTime, status, metadata, associated_regions, clusters}, isSystem}`.
struct FabricDescription {
    let directory: RegionDirectory

    /// The regions a fabric spans: those it was created with, or every
    /// region when it named none.
    func regions(of fabric: Fabric) -> [String] {
        let listed = fabric.options.dcList
        return listed.isEmpty ? directory.names : listed
    }

    func json(_ fabric: Fabric) -> JSON {
        let options = fabric.options
        let spanned = regions(of: fabric).map { JSON.string($0) }
        let optionsJSON: JSON = [
            "dcList": .string(regions(of: fabric).joined(separator: ",")), "spotDc": .string(options.spotDc),
            "tenant": .string(fabric.tenant), "name": .string(fabric.tenant + "." + fabric.name),
            "realTime": true, "status": "available", "metadata": options.metadata,
            "associated_regions": .array(spanned), "clusters": .array(spanned),
        ]
        return ["name": .string(fabric.name), "options": optionsJSON, "isSystem": .bool(fabric.isSystem)]
    }
}
