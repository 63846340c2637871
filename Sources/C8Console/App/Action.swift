/// Everything that can change the state: input, and the outcome of effects.
public enum Action: Sendable {
    case input(InputEvent)
    case completed(Completion)
    /// Runs a `:` command as if typed (`c8 console` uses it for startup).
    case command(String)
    /// Once the connection is up: load what the first screen shows.
    case start
}
