import C8Client
import C8Core

/// One tailed message, formatted once when it arrives: the texts the list
/// and the detail view draw, the decoded payload a `:filter` evaluates,
/// and the lowercased text a `/` filter searches. Frames then only copy
/// strings — pretty-printing a 10 000-message buffer per frame would blow
/// the frame budget.
public struct TailRow: Sendable {
    public let id: String
    public let publishTime: UInt64
    public let redeliveryCount: Int
    /// The payload as JSON when it parses, else as a string: `msg` of `:filter`.
    public let payload: JSON
    public let isJSON: Bool
    public let time: String
    public let timestamp: String
    public let key: String
    /// `name=value` pairs, sorted by name.
    public let properties: String
    /// The payload on one line (compact JSON, or the text with line breaks shown as spaces).
    public let summary: String
    /// The payload as the detail view shows it: pretty JSON, or the text's lines.
    public let detail: [String]
    /// Key, properties and payload, lowercased, for `/`.
    public let searchText: String
    /// Whether the `:filter` expression kept it; nil until it is evaluated.
    public var verdict: Bool?

    public init(_ message: StreamMessageView, clock: TailClock) {
        id = message.id
        publishTime = message.publishTime
        redeliveryCount = message.redeliveryCount
        time = clock.timeOfDay(message.publishTime)
        timestamp = clock.dateAndTime(message.publishTime)
        key = message.key ?? ""
        properties = message.properties.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let text = message.text
        if let json = try? JSON.parse(text) {
            payload = json
            isJSON = true
            summary = Self.singleLine(json.jsonString())
            detail = json.jsonString(pretty: true).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        } else {
            payload = .string(text)
            isJSON = false
            summary = Self.singleLine(text)
            detail = text.split(separator: "\n", omittingEmptySubsequences: false).map { Self.singleLine(String($0)) }
        }
        searchText = (key + " " + properties + " " + summary).lowercased()
    }

    /// Control characters would move the terminal's cursor: tabs and line
    /// breaks become spaces, anything else below U+0020 a middle dot.
    static func singleLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: scalars.append(" ")
            case ..<0x20, 0x7F: scalars.append("·")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
