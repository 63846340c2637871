import C8Core

extension JSON {
    /// An admin envelope (`{"error":false,"code":200,…}`) without its two
    /// envelope members, so a description reads as the embedded engine
    /// returns it.
    var withoutEnvelope: JSON {
        guard case .object(var object) = self else { return self }
        _ = object.removeValue(forKey: "error")
        _ = object.removeValue(forKey: "code")
        return .object(object)
    }
}
