/// The compiled-in copy of `Themes/default.theme`, the last resort that lets
/// the console start when no theme file can be found (an installation
/// without its data files, a broken user theme).
///
/// `text` must equal the file byte for byte; a test compares them and, run
/// with `C8_RECORD_BUILTIN_THEME=1`, copies the file into this source.
public enum BuiltinTheme {
    /// The theme's name.
    public static let name = "default"

    /// What errors and listings call this copy.
    public static let label = "<built-in default.theme>"

    /// The parsed theme. Should the text ever fail to parse, a theme made of
    /// fallbacks alone still lets the console start.
    public static let theme: Theme = (try? ThemeParser.parse(text, file: label))
        ?? Theme(name: name, description: "Fallback styles only", styles: [:])

    /// The file's contents.
    public static let text = #"""
    # c8 default theme: dark, for 256-colour terminals.
    #
    # Draws on the terminal's own background, so transparent and tinted
    # terminals keep their look. On 8-colour and monochrome terminals c8 adapts
    # it (Docs/THEMES.md, "Terminals with fewer colours").
    #
    # Format: one 'role = FOREGROUND [on BACKGROUND] [ATTRIBUTES]' per line.
    # A colour left out is taken from 'text'.
    # To make your own, copy this file to ~/.config/c8/themes/NAME.theme and set
    # 'name = NAME', or start a file with 'inherits = default' and change a few lines.

    name                    = default
    description             = Dark, 256 colours, on the terminal's own background

    # Base
    text                    = color252
    text.muted              = color245
    background              = default on default

    # Panes
    pane.border             = color240
    pane.border.focused     = color39
    pane.title              = color246
    pane.title.focused      = color39 bold
    scrollbar               = color240

    # Lists and tables
    list.header             = color255 on color237 bold
    list.selected           = color16 on color39 bold
    list.selected.unfocused = color252 on color238
    list.match              = color214 bold
    list.marked             = color177 bold

    # Navigation and status
    breadcrumb              = color252 on color238
    breadcrumb.current      = color16 on color214 bold
    status.bar              = color250 on color236
    status.context          = color16 on color75 bold
    status.error            = color231 on color160 bold
    status.badge.readonly   = color16 on color220 bold

    # Collection badges
    badge.spot              = color213
    badge.local             = color150
    badge.edge              = color117
    badge.kv                = color222

    # Key hints
    hint.key                = color39 bold
    hint.text               = color245

    # Dialogs and input
    dialog.border           = color75
    dialog.title            = color75 bold
    dialog.danger           = color231 on color124 bold
    input                   = color255 on color236
    input.cursor            = color16 on color252
    input.placeholder       = color242 on color236 italic

    # JSON documents
    json.key                = color75
    json.string             = color114
    json.number             = color215
    json.bool               = color176
    json.null               = color245 italic
    json.punctuation        = color243

    # Query editor
    query.keyword           = color75 bold
    query.function          = color81
    query.string            = color114
    query.number            = color215
    query.comment           = color243 italic
    query.bind              = color213
    query.operator          = color180
    completion.item         = color252 on color238
    completion.selected     = color16 on color39 bold

    # Messages
    error                   = color203 bold
    warning                 = color214
    success                 = color114

    # Regions and metrics
    sparkline               = color75
    region.up               = color114 bold
    region.lagging          = color214 bold
    region.down             = color196 bold
    link.healthy            = color242
    link.partitioned        = color203 bold

    """#
}
