import C8Engine
import C8Net

/// The routes of logins, users, API keys and tenants, to mount next to the
/// built-in ones:
///
/// ```swift
/// let authenticator = Authenticator(engine: engine)
/// let handler = C8APIHandler(engine: engine, configuration: configuration,
///                            gate: PermissionGate(authenticator: authenticator),
///                            extraGroups: AuthRouteGroups.all(authenticator: authenticator))
/// ```
public enum AuthRouteGroups {
    public static func all(authenticator: Authenticator) -> [any RouteGroup] {
        let authority = AccountAuthority(authenticator: authenticator)
        return [
            LoginRoutes(authenticator: authenticator),
            UserRoutes(authority: authority),
            APIKeyRoutes(authority: authority),
            GrantRoutes(holders: .user, authority: authority),
            GrantRoutes(holders: .key, authority: authority),
            TenantRoutes(authority: authority),
        ]
    }
}
