/// Where a new subscription's cursor starts (an existing one keeps its own).
public enum InitialPosition: Sendable {
    /// After the last message published so far: only new messages.
    case latest
    /// At the oldest message still retained.
    case earliest
}
