/// How the level that applies to a fabric or to something in it follows
/// from the grants (C8-API.md §1.6).
///
/// A fabric's level is what was granted on it, else `none`: the fabric
/// default is permanently *No access* and cannot be changed. Inside a fabric
/// the order is the thing's own grant, then the `*` default of its kind
/// (collections, streams, saved queries), then the fabric's level — except
/// that a fabric at `none` closes everything in it ("No access to any files
/// in the GeoFabric", Macrometa's permissions page), whatever lies below.
/// Below that, an explicit grant may be higher than the fabric's (a `rw`
/// collection in a `ro` fabric is writable) or lower (a `ro` collection in a
/// `rw` fabric is read-only), as pyC8's permission tests expect.
public enum AccessResolution {
    /// The level that applies.
    ///
    /// - Parameters:
    ///   - fabric: The level granted on the fabric, nil when none was.
    ///   - explicit: The level granted on the thing itself; nil for a
    ///     fabric, or when none was.
    ///   - kindDefault: The `*` grant of the thing's kind in that fabric; nil
    ///     for a fabric, or when none was.
    public static func resolve(fabric: Permission?, explicit: Permission?, kindDefault: Permission?) -> Permission {
        let fabricLevel: Permission = fabric ?? Permission.none
        if fabricLevel == Permission.none { return Permission.none }
        return explicit ?? kindDefault ?? fabricLevel
    }
}
