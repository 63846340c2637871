extension C8Error {
    /// A request body or file that is not JSON: errorNum 600 with the place.
    public init(_ error: JSONParseError) {
        self.init(.corruptedJSON, detail: error.description, underlying: error)
    }

    /// Stored bytes that do not decode: a storage fault, not the caller's.
    public init(_ error: BinaryJSONError) {
        self.init(.internalError, detail: error.description, underlying: error)
    }
}
