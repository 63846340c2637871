import C8Core

/// What floats above the panes.
public enum Overlay: Sendable {
    case help(scroll: Int)
    /// The `:` command line.
    case commandLine(CommandLineState)
    /// A yes/no question, or one that needs a name typed to confirm.
    case confirm(Confirmation)
    /// A line of input for a purpose.
    case prompt(Prompt)
    /// The saved queries of the fabric.
    case savedQueries([JSON], SelectionCursor)
    /// A message to publish on a stream (`p`).
    case publish(PublishForm)
}

public struct CommandLineState: Sendable, Equatable {
    public var text = ""
    /// Completions of the word being typed, and which one is picked.
    public var completions: [String] = []
    public var completionIndex: Int?

    public init(text: String = "") { self.text = text }
}

/// A destructive action waiting for a yes, or for the exact name.
public struct Confirmation: Sendable {
    public var title: String
    public var message: String
    /// The text that must be typed (dropping a fabric or collection).
    public var requiredText: String?
    public var typed = ""
    public var effect: Effect
}

public struct Prompt: Sendable {
    public enum Purpose: Sendable, Equatable {
        case createFabric, createCollection, createIndex(collection: String), saveQuery
    }

    public var title: String
    public var hint: String
    public var text = ""
    public var purpose: Purpose
}
