/// One `--name` a command accepts, declared once and used by the parser,
/// the help text and the usage errors alike, so the three cannot disagree.
///
/// Declare options as `static let` constants (see `OptionSpec+Shared.swift`
/// for the ones several commands share) and read them back from
/// `ParsedArguments` with the same constant, so a typo is a compile error
/// rather than a silently missing value.
public struct OptionSpec: Sendable, Hashable {
    /// Whether the option stands alone or carries a value.
    public enum Kind: Sendable, Hashable {
        /// `--read-only`: present or absent.
        case flag
        /// `--port P`: takes a value; `placeholder` is how help spells it.
        case value(placeholder: String)
    }

    /// The long name without the leading dashes, e.g. `"data-dir"`.
    public let name: String
    public let kind: Kind
    /// One line for the options table in `--help`.
    public let summary: String
    /// Environment variable that supplies the value when the flag is absent.
    public let environmentVariable: String?
    /// A missing required option is a usage error (exit 2).
    public let isRequired: Bool
    /// What the parser accepts as a value; checked before the command runs.
    public let valueKind: ValueKind
    /// Whether the option may be given more than once (`--trusted-origin A
    /// --trusted-origin B`); read every value with `ParsedArguments.values`.
    public let isRepeatable: Bool

    /// `--name` as the user types it.
    public var flagName: String { "--" + name }

    /// The value's placeholder (`DIR`, `P`), or nil for a flag.
    public var placeholder: String? {
        if case .value(let placeholder) = kind { return placeholder }
        return nil
    }

    /// A flag without a value, such as `--read-only`.
    public static func flag(_ name: String, summary: String) -> OptionSpec {
        OptionSpec(name: name, kind: .flag, summary: summary,
                   environmentVariable: nil, isRequired: false, valueKind: .text, isRepeatable: false)
    }

    /// An option with a value, such as `--port P`.
    ///
    /// - Parameters:
    ///   - name: long name without dashes.
    ///   - placeholder: how help and usage lines spell the value.
    ///   - summary: one line for the options table.
    ///   - environment: variable consulted when the flag is not given.
    ///   - required: whether the command refuses to run without it.
    ///   - kind: validation applied to the value at parse time.
    ///   - repeatable: whether the option may be given more than once.
    public static func value(_ name: String, _ placeholder: String, summary: String,
                             environment: String? = nil, required: Bool = false,
                             kind: ValueKind = .text, repeatable: Bool = false) -> OptionSpec {
        OptionSpec(name: name, kind: .value(placeholder: placeholder), summary: summary,
                   environmentVariable: environment, isRequired: required, valueKind: kind,
                   isRepeatable: repeatable)
    }
}
