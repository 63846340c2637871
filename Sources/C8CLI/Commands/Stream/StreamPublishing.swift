import C8Client
import C8Core

/// `c8 stream publish`: one message, or one per line of standard input,
/// through one producer, each with the same key and properties.
struct StreamPublishing {
    let key: String?
    let properties: [String: String]

    /// `--property k=v` values as a map; the value may contain `=`.
    static func properties(_ texts: [String]) throws(UsageError) -> [String: String] {
        var properties: [String: String] = [:]
        for text in texts {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw .invalidValue(option: StreamCommand.property.flagName, value: text, expected: "NAME=VALUE")
            }
            let name = String(text[..<equals])
            guard properties.updateValue(String(text[text.index(after: equals)...]), forKey: name) == nil else {
                throw .invalid("property '\(name)' is given twice")
            }
        }
        return properties
    }

    /// Publishes each payload in order and prints its message id.
    func publish(_ payloads: [[UInt8]], to topic: String, on target: CommandConnection, printingIDsTo sink: any TextSink) throws {
        let publisher = try open(topic, on: target)
        defer { publisher.close() }
        for payload in payloads { try send(payload, with: publisher, printingIDTo: sink) }
    }

    /// Publishes each non-empty line of `input` as it arrives.
    func publishLines(of input: StandardInput, to topic: String, on target: CommandConnection,
                      printingIDsTo sink: any TextSink) throws {
        let publisher = try open(topic, on: target)
        defer { publisher.close() }
        try LineInput(reader: input.makeReader()).forEachLine { line in
            // A blank line has nothing to say; skipping it lets files end in newlines.
            guard !line.isEmpty else { return }
            try send(line, with: publisher, printingIDTo: sink)
        }
    }

    private func open(_ topic: String, on target: CommandConnection) throws(C8Error) -> any StreamPublisher {
        try target.wait { connection, fabric async throws(C8Error) in try await connection.openPublisher(on: topic, in: fabric) }
    }

    private func send(_ payload: [UInt8], with publisher: any StreamPublisher, printingIDTo sink: any TextSink) throws(C8Error) {
        let message = OutgoingStreamMessage(payload: payload, key: key, properties: properties)
        let id = try AsyncBridge.wait { () async throws(C8Error) in try await publisher.send(message) }
        sink.writeLine(id)
    }
}
