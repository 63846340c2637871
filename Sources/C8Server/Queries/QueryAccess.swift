import C8Core
import C8Query

/// The caller's collection rights as the query engine asks for them: one
/// check shared by every route that runs C8QL for a caller (cursors,
/// RESTQL execute, query export, explain), so a query can touch no more
/// than the collection routes would let the caller touch.
///
/// A collection the caller has `none` on is not found (404, 1203), as
/// `GET /collection/{name}` answers; a write to one it may only read is
/// refused (403, errorNum 11).
enum QueryAccess {
    /// Nil when the caller may touch everything (an unrestricted gate), so
    /// such queries pay nothing.
    static func check(_ context: RouteContext) -> CollectionAccessCheck? {
        let caller = context.caller
        guard caller.mayAccess != nil else { return nil }
        let tenant = context.path.tenant
        let fabric = context.path.fabric
        return { collection, mode throws(C8Error) in
            try caller.authorize(AccessRequest(
                resource: .collection(collection), level: mode == .write ? .write : .read, tenant: tenant, fabric: fabric))
        }
    }
}
