import C8Client
import C8Core

/// The topic a user means by the word they typed: topics are
/// `c8globals.X`, `c8locals.X` or a collection's name, but people type `X`
/// for the stream they created as `X`.
enum StreamTopic {
    /// `text` when it carries a prefix; else the stream of that topic or
    /// name in the fabric; else `text` as it is, so the server's "not
    /// found" names what was typed.
    /// - Throws: when `X` is both a global and a local stream.
    static func resolve(_ text: String, on target: CommandConnection) throws -> String {
        if text == StreamSummary.topic(of: text, local: false) { return text }
        let streams = try target.wait { connection, fabric async throws(C8Error) in try await connection.streams(in: fabric) }
        return try resolve(text, among: streams)
    }

    static func resolve(_ text: String, among streams: [StreamSummary]) throws -> String {
        if streams.contains(where: { $0.topic == text }) { return text }
        let named = streams.filter { $0.name == text }
        guard named.count <= 1 else {
            throw CommandFailure("'\(text)' names " + named.map(\.topic).joined(separator: " and ") + "; give the topic")
        }
        return named.first?.topic ?? text
    }
}
