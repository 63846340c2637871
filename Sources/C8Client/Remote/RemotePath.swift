/// Request targets of the C8 REST API, built from unencoded names.
///
/// Names come from users (collection names, document keys with `:` or
/// `@`, saved query names), so every segment and query value is
/// percent-encoded here, once, rather than at each call site.
enum RemotePath {
    /// `/_fabric/{fabric}/_api/{segments…}?{query}`.
    static func api(_ fabric: String, _ segments: String..., query: [(String, String)] = []) -> String {
        var target = "/_fabric/" + encode(fabric) + "/_api"
        for segment in segments { target += "/" + encode(segment) }
        if !query.isEmpty {
            target += "?" + query.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
        }
        return target
    }

    /// RFC 3986 unreserved characters stay; every other byte is `%XX`, so a
    /// `/` in a key cannot split the path and a `&` cannot end a value.
    static func encode(_ text: String) -> String {
        var encoded = ""
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + hexDigits[Int(byte >> 4)] + hexDigits[Int(byte & 0xF)]
            }
        }
        return encoded
    }

    private static let hexDigits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]
}
