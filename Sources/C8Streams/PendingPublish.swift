import C8Core

/// A message that has its entry number but is not in storage yet: it waits
/// in its stream's queue for the next group write (``Topic``'s group
/// commit). Nobody sees it — not consumers, readers, stats or the log's
/// bounds — until that write succeeds.
struct PendingPublish: Sendable {
    let id: MessageID
    /// The message until its group is in storage; then it moves into the
    /// tail cache (``TailCache/insert(swapping:)``) and this holds what the
    /// cache let go, freed with the group outside the stream's lock.
    var message: StreamMessage
    /// The connected producer that sent it (nil for a one-shot publish):
    /// its sequence numbering is rolled back if the write fails.
    let producer: UInt64?
    /// Whether the sequence id came from the producer's own numbering.
    let producerSequence: Bool
    /// Answers the publisher once the group is written (or failed), in
    /// entry order, outside the stream's lock.
    let completion: @Sendable (Result<MessageID, C8Error>) -> Void
    /// Set on the last queued message of one hand-over
    /// (``Topic/publish(_:producer:producerName:whenAnswered:)``): runs
    /// right after its completion, when every message of the hand-over has
    /// been answered.
    var whenAnswered: (@Sendable () -> Void)? = nil

    init(message: StreamMessage, producer: UInt64?, producerSequence: Bool,
         completion: @escaping @Sendable (Result<MessageID, C8Error>) -> Void) {
        id = message.id
        self.message = message
        self.producer = producer
        self.producerSequence = producerSequence
        self.completion = completion
    }

    /// Answers the publisher, then runs ``whenAnswered``.
    func answer(_ result: Result<MessageID, C8Error>) {
        completion(result)
        whenAnswered?()
    }
}
