/// Limits a region's engine enforces, configurable per engine.
public struct EngineLimits: Sendable {
    /// The largest document accepted, in bytes of its stored form (1216
    /// beyond). Macrometa's tenant limit `maxDocumentSize` is 512 KB.
    public var maximumDocumentSize = 512 * 1024

    public init() {}
}
