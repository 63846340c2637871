/// The error envelope's fields, independent of any JSON representation, so
/// a writer that streams bytes (the HTTP layer) needs no intermediate value.
public struct C8ErrorWireFields: Sendable, Equatable {
    /// Always true in an error envelope; kept so the fields are complete.
    public let error: Bool
    public let code: Int
    public let errorNum: Int
    public let errorMessage: String
}

extension C8Error {
    /// The fields of `{"error":true,"code":…,"errorNum":…,"errorMessage":…}`.
    public var wireFields: C8ErrorWireFields {
        C8ErrorWireFields(error: true, code: code, errorNum: errorNum, errorMessage: message)
    }

    /// The envelope as a JSON object, keys in the order C8's API reference
    /// documents them.
    public var json: JSON {
        [
            "error": true,
            "code": .int(Int64(code)),
            "errorNum": .int(Int64(errorNum)),
            "errorMessage": .string(message),
        ]
    }

    /// Reads an error envelope (or one failed item of a batch result, which
    /// carries `errorNum` and `errorMessage` but may lack `code`). Nil when
    /// `json` is not an object with `"error": true` and an integer `errorNum`;
    /// a missing `code` defaults to the catalog's status for the number, else 500.
    public init?(json: JSON) {
        guard json["error"].boolValue == true, let num = json["errorNum"].intValue else { return nil }
        let errorNum = Int(num)
        let code = json["code"].intValue.map { Int($0) } ?? ErrorCode(rawValue: errorNum)?.httpStatus ?? 500
        let message = json["errorMessage"].stringValue
            ?? ErrorCode(rawValue: errorNum)?.defaultMessage ?? "unknown error"
        self.init(code: code, errorNum: errorNum, message: message)
    }
}
