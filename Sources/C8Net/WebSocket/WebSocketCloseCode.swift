/// The status code of a close frame (RFC 6455 §7.4).
///
/// A struct rather than an enum: applications may use any code in
/// 3000–4999, and a peer's code must survive a round trip unchanged.
public struct WebSocketCloseCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }

    public static let normalClosure = WebSocketCloseCode(1000)
    public static let goingAway = WebSocketCloseCode(1001)
    public static let protocolError = WebSocketCloseCode(1002)
    public static let unsupportedData = WebSocketCloseCode(1003)
    /// Reported when a close frame carried no code; never sent.
    public static let noStatusReceived = WebSocketCloseCode(1005)
    /// Reported when the connection ended without a close frame; never sent.
    public static let abnormalClosure = WebSocketCloseCode(1006)
    public static let invalidPayloadData = WebSocketCloseCode(1007)
    public static let policyViolation = WebSocketCloseCode(1008)
    public static let messageTooBig = WebSocketCloseCode(1009)
    public static let mandatoryExtension = WebSocketCloseCode(1010)
    public static let internalError = WebSocketCloseCode(1011)

    /// Whether a close frame may carry this code. 1005, 1006 and 1015 only
    /// report local conditions, 1004 and 1016–2999 are reserved, and codes
    /// below 1000 are unused; a peer sending one is failed with 1002.
    /// 1012–1014 were registered with IANA after the RFC and are accepted.
    public var isAllowedOnWire: Bool {
        switch rawValue {
        case 1000...1003, 1007...1014, 3000...4999: true
        default: false
        }
    }

    public var description: String { String(rawValue) }
}
