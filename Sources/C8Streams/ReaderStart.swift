/// Where a reader starts.
public enum ReaderStart: Sendable, Equatable {
    /// The oldest message still retained.
    case earliest
    /// Only messages published after the reader was opened.
    case latest
    /// The message *after* this one — exclusive, as Pulsar's reader
    /// `startMessageId` is unless `startMessageIdInclusive` is set — so a
    /// client resumes from the last id it saw.
    case message(MessageID)
}
