import C8Engine

/// One region of a federation: its own engine over its own storage, with
/// its own copy of every global collection of the fabrics it is in.
public final class Region: Sendable {
    public let name: String
    /// Position in the federation; also the region's clock site.
    public let index: Int
    public let engine: Engine

    /// The region's storage nodes; nil for a lone region, which has none.
    public var nodes: NodeStorage? { engine.storage as? NodeStorage }

    init(name: String, index: Int, engine: Engine) {
        self.name = name
        self.index = index
        self.engine = engine
    }
}
