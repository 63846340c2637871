/// Makes the `_key` of documents inserted without one, and vets the keys
/// users supply, for one collection.
///
/// Generators are shared by every writer of a collection, so they are
/// classes with their state behind a lock (Synchronization's `Mutex`) and
/// `Sendable`. Their only state is ``lastValue``: the storage layer persists
/// it (through ``options``) and rebuilds the generator from it on restart, so
/// new keys never repeat or undercut old ones.
public protocol KeyGenerator: AnyObject, Sendable {
    /// The collection's key options, with the current ``lastValue``: what to persist.
    var options: KeyOptions { get }

    /// The highest numeric key handed out or tracked (0 for uuid).
    var lastValue: UInt64 { get }

    /// A fresh key. Throws 1225 (out of keys) when the number space is exhausted.
    func generate() throws(C8Error) -> DocumentKey

    /// Checks a user-supplied key beyond the common rule (autoincrement wants
    /// digits); throws 1221 when it does not fit this generator.
    func validateFormat(of userKey: DocumentKey) throws(C8Error)

    /// Notes a user-supplied key so generated keys move past it when it is a
    /// number in the generator's own format.
    func track(userKey: DocumentKey)
}

extension KeyGenerator {
    public var type: KeyGeneratorType { options.type }
    public var allowUserKeys: Bool { options.allowUserKeys }

    public func validateFormat(of userKey: DocumentKey) throws(C8Error) {}

    /// The full check of a `_key` an insert supplies, as ArangoDB does it:
    /// 1222 when the collection forbids user keys (unless restoring a dump),
    /// 1221 when the key is illegal or does not fit the generator; on success
    /// the key is tracked and returned.
    public func accept(userKey: String, isRestore: Bool = false) throws(C8Error) -> DocumentKey {
        let key = try check(userKey: userKey, isRestore: isRestore)
        track(userKey: key)
        return key
    }

    /// The checks of ``accept(userKey:isRestore:)`` without tracking the
    /// key, for bulk loads that check many keys at once and then track
    /// them in input order.
    public func check(userKey: String, isRestore: Bool = false) throws(C8Error) -> DocumentKey {
        guard isRestore || allowUserKeys else { throw C8Error(.documentKeyUnexpected) }
        let key = try DocumentKey(userKey)
        try validateFormat(of: key)
        return key
    }
}

/// A source of increasing numbers that traditional and padded generators
/// can draw from, as ArangoDB draws keys from its server-wide tick.
public typealias KeyTickSource = @Sendable () -> UInt64

extension KeyOptions {
    /// The generator these options describe, restored to ``lastValue``.
    /// `tickSource`, when given, feeds traditional and padded generators;
    /// `site` keeps their numbers apart from other regions' (autoincrement
    /// keeps the increment and offset its user chose).
    public func makeGenerator(tickSource: KeyTickSource? = nil, site: ClockSite = .only) -> any KeyGenerator {
        switch type {
        case .traditional: TraditionalKeyGenerator(options: self, tickSource: tickSource, site: site)
        case .autoincrement: AutoincrementKeyGenerator(options: self)
        case .uuid: UUIDKeyGenerator(options: self)
        case .padded: PaddedKeyGenerator(options: self, tickSource: tickSource, site: site)
        }
    }
}
