import C8Core

/// How a query touches a collection.
public enum CollectionAccessMode: String, Sendable, Equatable {
    /// FOR over it, traversals through it, `WITH`, functions that read it.
    case read
    /// The target of INSERT, UPDATE, REPLACE, REMOVE or UPSERT.
    case write
}

/// Decides whether a query may touch a collection: returns when it may,
/// throws the error to answer when it may not (a server answers 404 1203
/// for a collection the caller may not see, 403 for a write to one it may
/// only read).
///
/// C8Query knows nothing of accounts: whoever runs a query on someone's
/// behalf (the REST server) builds the check from that caller's rights.
/// The engine calls it for every collection the plan names before the
/// query starts, and again for collections a query only finds while it
/// runs (`DOCUMENT(id)`, the vertices a traversal reaches).
public typealias CollectionAccessCheck = @Sendable (_ collection: String, _ mode: CollectionAccessMode) throws(C8Error) -> Void
