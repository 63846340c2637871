/// What `c8 stream` was asked to do, with the words it needs, read from
/// the positionals. One command with an ACTION word (as `c8 bench` has a
/// WORKLOAD) keeps the connection options declared once; the options that
/// belong to one action are refused on the others, so a misplaced
/// `--force` is a usage error rather than silently ignored.
enum StreamAction: Equatable {
    case list
    case create(name: String)
    case delete(topic: String)
    /// `message` nil: one message per line of standard input.
    case publish(topic: String, message: String?)
    case tail(topic: String)

    static let words = ["list", "create", "delete", "publish", "tail"]

    /// The options only this action takes (the connection's go with every one).
    static func options(of word: String) -> [OptionSpec] {
        switch word {
        case "list": return [StreamCommand.json]
        case "create": return [StreamCommand.local]
        case "delete": return [StreamCommand.force]
        case "publish": return [StreamCommand.key, StreamCommand.property]
        case "tail": return [StreamCommand.from, StreamCommand.subscription, StreamCommand.type, StreamCommand.count]
        default: return []
        }
    }

    /// Every action's own options.
    static var actionOptions: [OptionSpec] { words.flatMap(options(of:)) }

    static func parse(_ arguments: ParsedArguments) throws(UsageError) -> StreamAction {
        let word = arguments.value(StreamCommand.action) ?? ""
        guard words.contains(word) else {
            throw .invalid("unknown action '\(word)'; use " + words.joined(separator: ", "))
        }
        let allowed = options(of: word)
        for option in actionOptions where !allowed.contains(option) && given(option, arguments) {
            throw .invalid("\(option.flagName) does not go with 'stream \(word)'")
        }
        let topic = arguments.value(StreamCommand.topic)
        let message = arguments.value(StreamCommand.message)
        if word != "publish", let message { throw .unexpectedArgument(message) }
        if word == "list" {
            if let topic { throw .unexpectedArgument(topic) }
            return .list
        }
        guard let topic else { throw .missingArgument(StreamCommand.topic.name) }
        switch word {
        case "create": return .create(name: topic)
        case "delete": return .delete(topic: topic)
        case "publish": return .publish(topic: topic, message: message)
        default:
            if arguments.value(StreamCommand.type) != nil && arguments.value(StreamCommand.subscription) == nil {
                throw .invalid("--type needs --subscription: a reader has no subscription type")
            }
            return .tail(topic: topic)
        }
    }

    private static func given(_ option: OptionSpec, _ arguments: ParsedArguments) -> Bool {
        option.placeholder == nil ? arguments.isSet(option) : arguments.source(of: option) != nil
    }
}
