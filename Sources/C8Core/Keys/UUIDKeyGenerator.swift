import Foundation

/// Random RFC 4122 version-4 UUIDs in lowercase
/// (`"1b4e28ba-2fa1-41d2-883f-0016d3cca427"`): keys that need no
/// coordination between regions, at the price of any order.
public final class UUIDKeyGenerator: KeyGenerator {
    private let baseOptions: KeyOptions

    public init(options: KeyOptions) {
        baseOptions = options.with(lastValue: 0)
    }

    /// Always 0: UUIDs carry no state to persist.
    public var lastValue: UInt64 { 0 }
    public var options: KeyOptions { baseOptions }

    public func generate() throws(C8Error) -> DocumentKey {
        DocumentKey(unchecked: UUID().uuidString.lowercased())
    }

    /// Nothing to track: random keys collide with user keys only by chance,
    /// which the primary index reports as 1210.
    public func track(userKey: DocumentKey) {}
}
