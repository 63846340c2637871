extension C8Error {
    /// GDN's errorNum for a region (datacenter) the federation does not have.
    public static let datacenterNotFoundErrorNum = 102024

    /// 404 / 102024 "Datacenter does not exist: <name>", as GDN answers:
    /// the one error for an unknown region, embedded, served or remote.
    public static func datacenterNotFound(_ name: String) -> C8Error {
        C8Error(code: 404, errorNum: datacenterNotFoundErrorNum, message: "Datacenter does not exist: \(name)")
    }
}
