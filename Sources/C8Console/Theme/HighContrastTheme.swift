/// The compiled-in copy of `Themes/high-contrast.theme` (see ``ShippedThemes``).
enum HighContrastTheme {
    static let name = "high-contrast"

    /// The file's contents, byte for byte (`BuiltinThemeTests` keeps them equal).
    static let text = #"""
    # c8 high-contrast theme: bright colours on black, no dim text.
    #
    # Uses only the 16 named terminal colours, so it works on 16-colour
    # terminals and follows the palette you set in your terminal. Everything
    # that matters is also bold, underlined or reversed. Format: Docs/THEMES.md.

    name                    = high-contrast
    description             = Bright named colours on black; emphasis never relies on colour alone

    # Base
    text                    = bright-white on black
    text.muted              = white
    background              = bright-white on black

    # Panes
    pane.border             = white
    pane.border.focused     = bright-yellow bold
    pane.title              = bright-white bold
    pane.title.focused      = black on bright-yellow bold
    scrollbar               = white

    # Lists and tables
    list.header             = bright-white bold underline
    list.selected           = black on bright-yellow bold
    list.selected.unfocused = black on white
    list.match              = bright-cyan bold underline
    list.marked             = bright-magenta bold

    # Navigation and status
    breadcrumb              = black on white
    breadcrumb.current      = black on bright-cyan bold
    status.bar              = black on white
    status.context          = black on bright-cyan bold
    status.error            = bright-white on red bold
    status.badge.readonly   = black on bright-yellow bold

    # Collection badges
    badge.spot              = bright-magenta bold
    badge.local             = bright-green bold
    badge.edge              = bright-cyan bold
    badge.kv                = bright-yellow bold

    # Key hints
    hint.key                = bright-yellow bold
    hint.text               = bright-white

    # Dialogs and input
    dialog.border           = bright-yellow bold
    dialog.title            = bright-yellow bold
    dialog.danger           = bright-white on red bold
    input                   = bright-white underline
    input.cursor            = black on bright-white
    input.placeholder       = white underline

    # JSON documents
    json.key                = bright-cyan bold
    json.string             = bright-green
    json.number             = bright-yellow
    json.bool               = bright-magenta
    json.null               = white
    json.punctuation        = white

    # Query editor
    query.keyword           = bright-cyan bold
    query.function          = bright-yellow
    query.string            = bright-green
    query.number            = bright-magenta
    query.comment           = white italic
    query.bind              = bright-red bold
    query.operator          = bright-white
    completion.item         = black on white
    completion.selected     = black on bright-yellow bold

    # Messages
    error                   = bright-red bold
    warning                 = bright-yellow bold
    success                 = bright-green bold

    # Regions and metrics
    sparkline               = bright-cyan
    region.up               = bright-green bold
    region.lagging          = bright-yellow bold
    region.down             = bright-white on red bold
    link.healthy            = bright-green
    link.partitioned        = bright-red bold

    """#
}
