import C8Core
import C8Net

/// The regions of the federation (C8-PROTOCOL.md §3): `/datacenter/local`,
/// `/datacenter/all`, `/datacenter/_tenant/{t}`, `/datacenter/{dc}`, and
/// `PUT /datacenter/{dc}/{true|false}` to mark a region spot-capable.
struct DatacenterRoutes: RouteGroup {
    let services: APIServices

    var routes: [Route] {
        [
            Route(.get, "/datacenter/local", in: .server, access: .authenticated, local),
            Route(.get, "/datacenter/all", in: .server, access: .authenticated, all),
            Route(.get, "/datacenter/_tenant/{tenant}", in: .server, access: .authenticated, ofTenant),
            Route(.get, "/datacenter/{dc}", in: .server, access: .authenticated, one),
            Route(.put, "/datacenter/{dc}/{spot}", in: .server, access: .tenantAdmin, setSpot),
        ]
    }

    private var regions: RegionDirectory { services.regions }

    private func describe(_ region: String, _ context: RouteContext) -> JSON {
        regions.datacenter(region, serving: context.region, port: context.localPort)
    }

    func local(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        APIResponse.json(200, describe(context.region, context))
    }

    func all(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        APIResponse.json(200, .array(regions.names.map { describe($0, context) }))
    }

    /// `[{tenant, dcInfo: [...]}]`; pyC8's `dclist()` reads `[0].dcInfo[].name`.
    ///
    /// Another tenant is "not found" to anyone but a server admin, as it is
    /// under `/_tenant/{t}/…`: the answer must not tell which tenants exist.
    func ofTenant(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let tenant = try context.parameter("tenant")
        try context.caller.authorize(AccessRequest(resource: .server, level: .read, tenant: tenant, fabric: APIPath.systemFabric))
        _ = try services.engine.tenant(tenant)
        let entry: JSON = ["tenant": .string(tenant), "dcInfo": .array(regions.names.map { describe($0, context) })]
        return APIResponse.json(200, [entry])
    }

    func one(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let region = try context.parameter("dc")
        try regions.checkKnown(region)
        return APIResponse.json(200, describe(region, context))
    }

    func setSpot(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let region = try context.parameter("dc")
        let text = try context.parameter("spot")
        guard let capable = LenientBoolean.parse(text), !text.isEmpty else {
            throw C8Error(.badParameter, "spot capability must be true or false, not '\(text)'")
        }
        try regions.setSpotCapable(region, capable)
        return APIResponse.json(200, describe(region, context))
    }
}
