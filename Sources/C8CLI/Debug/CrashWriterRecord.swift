import C8Core

/// One line of the crash-test writer's log. The writer prints `begin` before
/// each write and `ack` once the write returned (with `waitForSync`), so
/// the test that kills it knows which writes were acknowledged and which
/// single write may have been in flight.
///
/// Text form: `begin insert KEY {json}`, `begin update KEY {json}` (the
/// whole expected body after the update), `begin remove KEY -`, `ack`.
public enum CrashWriterRecord: Equatable, Sendable {
    public enum Operation: String, Sendable {
        case insert, update, remove
    }

    /// A write about to be made; `body` is the document's user attributes
    /// afterwards (nil for remove).
    case begin(Operation, key: String, body: JSON?)
    /// The previous `begin` returned successfully.
    case ack

    public var line: String {
        switch self {
        case .begin(let operation, let key, let body):
            return "begin \(operation.rawValue) \(key) \(body?.jsonString() ?? "-")"
        case .ack:
            return "ack"
        }
    }

    /// Parses one line; nil for a torn or foreign line.
    public init?(line: Substring) {
        if line == "ack" {
            self = .ack
            return
        }
        let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "begin", let operation = Operation(rawValue: String(parts[1])) else {
            return nil
        }
        if parts[3] == "-" {
            self = .begin(operation, key: String(parts[2]), body: nil)
        } else {
            guard let body = try? JSON.parse(String(parts[3])) else { return nil }
            self = .begin(operation, key: String(parts[2]), body: body)
        }
    }
}
