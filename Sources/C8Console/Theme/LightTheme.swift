/// The compiled-in copy of `Themes/light.theme` (see ``ShippedThemes``).
enum LightTheme {
    static let name = "light"

    /// The file's contents, byte for byte (`BuiltinThemeTests` keeps them equal).
    static let text = #"""
    # c8 light theme: dark text on white, for 256-colour terminals.
    #
    # Paints its own white background ('on color231' in the text line, which
    # every role without 'on' inherits), so it reads the same in a dark
    # terminal. Format and roles: Docs/THEMES.md.

    name                    = light
    description             = Light, 256 colours, paints a white background

    # Base
    text                    = color235 on color231
    text.muted              = color243
    background              = color235 on color231

    # Panes
    pane.border             = color249
    pane.border.focused     = color25
    pane.title              = color241
    pane.title.focused      = color25 bold
    scrollbar               = color249

    # Lists and tables
    list.header             = color235 on color254 bold
    list.selected           = color231 on color25 bold
    list.selected.unfocused = color235 on color252
    list.match              = color166 bold
    list.marked             = color91 bold

    # Navigation and status
    breadcrumb              = color235 on color253
    breadcrumb.current      = color231 on color166 bold
    status.bar              = color235 on color252
    status.context          = color231 on color31 bold
    status.error            = color231 on color160 bold
    status.badge.readonly   = color16 on color220 bold

    # Collection badges
    badge.spot              = color126
    badge.local             = color28
    badge.edge              = color31
    badge.kv                = color130

    # Key hints
    hint.key                = color25 bold
    hint.text               = color241

    # Dialogs and input
    dialog.border           = color25
    dialog.title            = color25 bold
    dialog.danger           = color231 on color160 bold
    input                   = color235 on color255
    input.cursor            = color231 on color235
    input.placeholder       = color245 on color255 italic

    # JSON documents
    json.key                = color25
    json.string             = color28
    json.number             = color130
    json.bool               = color91
    json.null               = color243 italic
    json.punctuation        = color244

    # Query editor
    query.keyword           = color25 bold
    query.function          = color31
    query.string            = color28
    query.number            = color130
    query.comment           = color244 italic
    query.bind              = color126
    query.operator          = color94
    completion.item         = color235 on color254
    completion.selected     = color231 on color25 bold

    # Messages
    error                   = color160 bold
    warning                 = color130 bold
    success                 = color28

    # Regions and metrics
    sparkline               = color31
    region.up               = color28 bold
    region.lagging          = color130 bold
    region.down             = color160 bold
    link.healthy            = color246
    link.partitioned        = color160 bold

    """#
}
