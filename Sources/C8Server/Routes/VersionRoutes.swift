import C8Core
import C8Net

/// `GET /_api/version[?details=true]`: `{server, version, license[, details]}`.
struct VersionRoutes: RouteGroup {
    let services: APIServices

    var routes: [Route] {
        [Route(.get, "/version", access: .authenticated, version)]
    }

    func version(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        var body: JSONObject = [
            "server": "C8DB", "version": .string(services.configuration.version), "license": "Macrometa",
        ]
        if try context.query.bool("details", default: false) {
            body["details"] = [
                "mode": "server", "region": .string(context.region),
                "regions": .array(services.regions.names.map { .string($0) }),
                "domain": .string(services.regions.domain),
            ]
        }
        return APIResponse.json(200, .object(body))
    }
}
