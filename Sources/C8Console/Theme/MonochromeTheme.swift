/// The compiled-in copy of `Themes/monochrome.theme` (see ``ShippedThemes``).
enum MonochromeTheme {
    static let name = "monochrome"

    /// The file's contents, byte for byte (`BuiltinThemeTests` keeps them equal).
    static let text = #"""
    # c8 monochrome theme: no colours at all, attributes only.
    #
    # For TERM=vt100, NO_COLOR users and screen readers. Meaning is carried by
    # bold, underline and reverse, which every terminal has; dim only marks
    # things that may as well look plain where dim is missing. Format: Docs/THEMES.md.

    name                    = monochrome
    description             = No colours: bold, underline and reverse only, for any terminal

    # Base
    text                    = default
    text.muted              = dim
    background              = default on default

    # Panes
    pane.border             = default
    pane.border.focused     = bold
    pane.title              = bold
    pane.title.focused      = reverse bold
    scrollbar               = default

    # Lists and tables
    list.header             = bold underline
    list.selected           = reverse bold
    list.selected.unfocused = underline
    list.match              = bold underline
    list.marked             = bold

    # Navigation and status
    breadcrumb              = default
    breadcrumb.current      = reverse
    status.bar              = reverse
    status.context          = reverse bold
    status.error            = bold underline
    status.badge.readonly   = bold

    # Collection badges
    badge.spot              = bold
    badge.local             = bold
    badge.edge              = bold
    badge.kv                = bold

    # Key hints
    hint.key                = bold
    hint.text               = default

    # Dialogs and input
    dialog.border           = bold
    dialog.title            = bold
    dialog.danger           = reverse bold
    input                   = underline
    input.cursor            = reverse
    input.placeholder       = dim underline

    # JSON documents
    json.key                = bold
    json.string             = default
    json.number             = default
    json.bool               = default
    json.null               = dim
    json.punctuation        = dim

    # Query editor
    query.keyword           = bold
    query.function          = default
    query.string            = default
    query.number            = default
    query.comment           = dim
    query.bind              = underline
    query.operator          = default
    completion.item         = default
    completion.selected     = reverse

    # Messages
    error                   = bold
    warning                 = bold
    success                 = default

    # Regions and metrics
    sparkline               = default
    region.up               = default
    region.lagging          = underline
    region.down             = reverse bold
    link.healthy            = default
    link.partitioned        = bold

    """#
}
