import C8Core
import C8Engine
import C8Net

/// Geo fabrics (C8-PROTOCOL.md §3): list, create and drop (from `_system`
/// only, as GDN), the current fabric, the caller's fabrics, metadata, and
/// the spot region.
struct FabricRoutes: RouteGroup {
    let services: APIServices

    var routes: [Route] {
        [
            Route(.get, "/database", access: .fabric(.read), list),
            Route(.post, "/database", access: .fabric(.administer), create),
            Route(.delete, "/database/{name}", access: .fabric(.administer), drop),
            Route(.get, "/database/current", access: .fabric(.read), current),
            Route(.get, "/database/user", access: .fabric(.read), accessible),
            Route(.get, "/database/metadata", access: .fabric(.read), current),
            Route(.put, "/database/metadata", access: .fabric(.administer), replaceMetadata),
            Route(.patch, "/database/metadata", access: .fabric(.administer), mergeMetadata),
            Route(.put, "/database/{dc}", in: .fabric, access: .fabric(.administer), setSpotRegion),
        ]
    }

    private var describer: FabricDescription { FabricDescription(directory: services.regions) }

    /// GDN refuses fabric management outside `_system` (403, 1230).
    private func requireSystemFabric(_ context: RouteContext) throws(C8Error) {
        guard context.path.fabric == APIPath.systemFabric else { throw C8Error(.useSystemDatabase) }
    }

    func list(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        try requireSystemFabric(context)
        return APIResponse.result(200, .array(try visibleFabrics(context).map { .string($0.name) }))
    }

    /// `{name, users?, options: {dcList: "r1,r2", spotDc?, metadata?}}` → 201 `{result: true}`.
    /// Without `spotDc` (pyC8's `spot_creation_type="automatic"`) the fabric's
    /// spot region is its first spot-capable region, if it has one; `""`
    /// (`"none"`) gives it none.
    func create(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        try requireSystemFabric(context)
        let body = try context.objectBody()
        let name = try context.requiredString(body, "name")
        let options = body["options"]
        let regions = try regionList(options["dcList"])
        let spot = options["spotDc"].isNull
            ? services.regions.automaticSpotRegion(dcList: regions) : options["spotDc"].stringValue ?? ""
        if !spot.isEmpty {
            try services.regions.checkKnown(spot)
            guard regions.isEmpty || regions.contains(spot) else {
                throw C8Error(.badParameter, "spotDc '\(spot)' is not one of the fabric's regions")
            }
        }
        let metadata = options["metadata"]
        guard metadata.isNull || metadata.objectValue != nil else { throw C8Error(.badParameter, "metadata must be an object") }
        try context.tenant().createFabric(
            name, options: FabricOptions(dcList: regions, spotDc: spot, metadata: metadata.isNull ? .object(JSONObject()) : metadata))
        return APIResponse.result(201, true)
    }

    func drop(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        try requireSystemFabric(context)
        let name = try context.parameter("name")
        try context.tenant().dropFabric(name)
        // A fabric's streams go with it (they live beside its collections,
        // not in them).
        services.streams.dropFabric(tenant: context.tenantName, fabric: name)
        return APIResponse.result(200, true)
    }

    func current(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        APIResponse.result(200, describer.json(try context.fabric()))
    }

    func accessible(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        APIResponse.result(200, .array(try visibleFabrics(context).map(describer.json)))
    }

    private func visibleFabrics(_ context: RouteContext) throws(C8Error) -> [Fabric] {
        try context.tenant().fabrics().filter { context.caller.lists(.fabric, in: $0.name) }
    }

    func replaceMetadata(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let metadata = try self.metadata(context)
        try context.fabric().changeOptions { $0.metadata = .object(metadata) }
        return APIResponse.result(201, true)
    }

    /// Top-level keys of the body's metadata replace the stored ones; the
    /// others stay.
    func mergeMetadata(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let metadata = try self.metadata(context)
        try context.fabric().changeOptions { options in
            var merged = options.metadata.objectValue ?? JSONObject()
            for member in metadata.members { merged[member.key] = member.value }
            options.metadata = .object(merged)
        }
        return APIResponse.result(201, true)
    }

    /// `PUT /_fabric/{f}/database/{dc}`: the fabric's spot region becomes `dc`.
    func setSpotRegion(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let region = try context.parameter("dc")
        try services.regions.checkKnown(region)
        let fabric = try context.fabric()
        guard describer.regions(of: fabric).contains(region) else {
            throw C8Error(.badParameter, "region '\(region)' is not one of fabric \(fabric.name)'s regions")
        }
        try fabric.changeOptions { $0.spotDc = region }
        return APIResponse.result(200, true)
    }

    private func metadata(_ context: RouteContext) throws(C8Error) -> JSONObject {
        guard let metadata = try context.objectBody()["metadata"].objectValue else {
            throw C8Error(.badParameter, "the body must be {\"metadata\": {...}}")
        }
        return metadata
    }

    /// `dcList` as pyC8 sends it (`"r1,r2"`, `""` for all) or as an array;
    /// every name must be a region of the federation.
    private func regionList(_ value: JSON) throws(C8Error) -> [String] {
        let names: [String]
        switch value {
        case .null: names = []
        case .string(let text): names = text.split(separator: ",").map { String($0.filter { $0 != " " }) }.filter { !$0.isEmpty }
        case .array(let items):
            names = items.compactMap(\.stringValue)
            guard names.count == items.count else { throw C8Error(.badParameter, "dcList must list region names") }
        default: throw C8Error(.badParameter, "dcList must be a comma-separated string of region names")
        }
        for name in names { try services.regions.checkKnown(name) }
        return names
    }
}
