import C8Core

/// What a function may ask of the query running it: warnings, and the
/// database for the few functions that read it (DOCUMENT, COLLECTION_COUNT,
/// COLLECTIONS, FULLTEXT, NEAR, WITHIN, CURRENT_USER).
///
/// The executor implements it; tests use a small fake.
public protocol FunctionEnvironment: AnyObject {
    /// Records a warning (e.g. 1562 division by zero, 1543 invalid regex,
    /// 1572 invalid date); the query goes on unless `failOnWarning`.
    func warn(_ code: ErrorCode, _ message: String)

    /// The document with handle `collection/key`, or nil.
    func document(_ handle: String) throws(C8Error) -> JSON?
    func collectionCount(_ name: String) throws(C8Error) -> Int
    /// Collections of the current fabric the caller may read: the id (as
    /// the collection API reports it) and the name.
    func collectionIdentities() -> [(id: String, name: String)]
    /// FULLTEXT(): documents matching `query` through a fulltext index on
    /// `attribute` (1571 when there is none).
    func fulltext(collection: String, attribute: String, query: String, limit: Int?) throws(C8Error) -> [JSON]
    /// NEAR(): the `limit` documents nearest to the point, through a geo
    /// index (1570 when there is none); `distanceAttribute` adds the
    /// distance in meters to each document.
    func near(collection: String, latitude: Double, longitude: Double, limit: Int, distanceAttribute: String?) throws(C8Error) -> [JSON]
    /// WITHIN(): documents within `radius` meters, nearest first.
    func within(collection: String, latitude: Double, longitude: Double, radius: Double, distanceAttribute: String?) throws(C8Error) -> [JSON]
    /// The user running the query, or nil (embedded mode).
    var currentUser: String? { get }
}

/// The signature of every function implementation: evaluated arguments in,
/// a value out. Errors are C8Errors (1541 wrong argument count is checked
/// by the registry before the call).
public typealias FunctionImplementation = @Sendable (_ arguments: [JSON], _ environment: any FunctionEnvironment) throws(C8Error) -> JSON
