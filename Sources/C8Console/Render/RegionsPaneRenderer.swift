import C8Client

/// The Regions pane: one block per region — its heading (up or down,
/// spot-capable, conflicts resolved, apply failures), its storage nodes,
/// its links with latency, partition state, and replication lag and
/// pending operations as sparklines over the last polls — and the last
/// apply failure when there is one.
enum RegionsPaneRenderer {
    /// Column widths for a pane width: the two sparklines share what the
    /// fixed columns leave.
    struct Columns {
        // Just wide enough for "200 ms", "✂ partitioned", "60000 ms" and
        // a backlog in the thousands, so 80 columns show every number.
        static let latency = 8, state = 14, lag = 9, pending = 7
        let name: Int
        let sparkline: Int

        init(width: Int, longestName: Int) {
            // Room for a link row's "  → " before the name.
            name = min(26, max(14, longestName + 6))
            let fixed = 1 + name + Self.latency + Self.state + 2 + Self.lag + Self.pending
            sparkline = max(0, min(30, (width - fixed) / 2))
        }

        var lagX: Int { 1 + name + Self.latency + Self.state }
        var pendingX: Int { lagX + sparkline + 1 + Self.lag }
    }

    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ layout: Layout) {
        let theme = state.theme
        let regions = state.regions
        let rect = layout.regions
        var title = "Regions"
        if let status = regions.status { title += " (\(status.regions.count))" }
        if let error = regions.error, regions.status != nil { title += " — \(error)" }
        ChromeRenderer.frame(&buffer, rect, title: title, focused: state.focus == .regions, theme: theme)
        let inside = rect.inset(by: 1)
        buffer.fill(inside, style: theme.style(for: .text))
        let (header, body) = inside.splitTop(1)
        guard let status = regions.status else {
            buffer.write(regions.error ?? "loading…", x: body.x + 1, y: body.y, style: theme.style(for: regions.error == nil ? .textMuted : .error),
                         maxWidth: body.width - 1)
            return
        }
        let columns = Columns(width: inside.width, longestName: longestName(status))
        buffer.fill(header, style: theme.style(for: .listHeader))
        buffer.write(headerText(columns), x: header.x, y: header.y, style: theme.style(for: .listHeader), maxWidth: header.width)
        let rows = regions.rows
        let top = regions.cursor.firstVisible(rows: body.height, count: rows.count)
        for line in 0..<body.height where top + line < rows.count {
            let selected = top + line == regions.cursor.selected
            let rowStyle = selected ? theme.style(for: state.focus == .regions ? .listSelected : .listSelectedUnfocused) : nil
            var row = RowWriter(rect: body, y: body.y + line, theme: theme, rowStyle: rowStyle)
            if let rowStyle { buffer.fill(Rect(x: body.x, y: row.y, width: body.width, height: 1), style: rowStyle) }
            drawRow(&buffer, &row, rows[top + line], status, regions, columns)
        }
    }

    static func longestName(_ status: SimulatorStatus) -> Int {
        var longest = 0
        for region in status.regions {
            longest = max(longest, CharacterWidth.of(region.name))
            for node in region.nodes { longest = max(longest, CharacterWidth.of(node.id) + 3) }
        }
        return longest
    }

    static func headerText(_ columns: Columns) -> String {
        " " + TextColumns.padded("region / link", to: columns.name)
            + TextColumns.padded("latency", to: Columns.latency - 1, alignRight: true) + " "
            + TextColumns.padded("state", to: Columns.state)
            + TextColumns.padded("lag", to: columns.sparkline + Columns.lag, alignRight: true) + " "
            + TextColumns.padded("pending", to: columns.sparkline + Columns.pending, alignRight: true)
    }

    static func drawRow(_ buffer: inout ScreenBuffer, _ row: inout RowWriter, _ kind: RegionRow, _ status: SimulatorStatus,
                        _ regions: RegionsState, _ columns: Columns) {
        switch kind {
        case .region(let r):
            let region = status.regions[r]
            // The heading flows from where a link's latency goes (a region
            // has none), so 80 columns still show both counters.
            var x = 1
            x += row.write(&buffer, region.name, at: x, width: columns.name, .paneTitle)
            x += row.write(&buffer, region.up ? "● up" : "○ down", at: x, width: nil, region.up ? .regionUp : .regionDown)
            if region.spotCapable { x += row.write(&buffer, "  ★ spot", at: x, width: nil, .badgeSpot) }
            // Shorter words when the pane is narrow, rather than cut numbers.
            let wide = row.rect.width - x >= 45
            x += row.write(&buffer, (wide ? "   conflicts resolved " : "   conflicts ") + String(region.conflictsResolved), at: x, width: nil, .textMuted)
            row.write(&buffer, (wide ? " · apply failures " : " · failures ") + String(region.applyFailures), at: x, width: nil,
                      region.applyFailures > 0 ? .warning : .textMuted)
        case .node(let r, let n):
            let node = status.regions[r].nodes[n]
            row.write(&buffer, "  node \(node.id)", at: 1, width: columns.name, .text)
            row.write(&buffer, node.up ? "● up" : "○ down", at: 1 + columns.name + Columns.latency, width: Columns.state,
                      node.up ? .regionUp : .regionDown)
            row.write(&buffer, "leads " + Plural.count(node.shardsLed, "shard"), at: columns.lagX, width: nil, .textMuted)
        case .noNodes:
            row.write(&buffer, "  no storage nodes simulated", at: 1, width: nil, .textMuted)
        case .link(let r, let l):
            drawLink(&buffer, &row, from: status.regions[r], status.regions[r].links[l], status, regions, columns)
        case .failure(let r):
            let region = status.regions[r]
            row.write(&buffer, "  last apply failure: \(region.lastFailure ?? "(no reason given)")", at: 1, width: nil, .error)
        }
    }

    static func drawLink(_ buffer: inout ScreenBuffer, _ row: inout RowWriter, from region: RegionInfo, _ link: RegionLinkInfo,
                         _ status: SimulatorStatus, _ regions: RegionsState, _ columns: Columns) {
        let history = regions.history(from: region.name, to: link.to)
        var x = 1
        x += row.write(&buffer, "  → \(link.to)", at: x, width: columns.name, .text)
        let latency = RegionCommand.milliseconds(link.latencyMs) + " ms"
        x += row.write(&buffer, TextColumns.padded(latency, to: Columns.latency - 1, alignRight: true) + " ", at: x, width: Columns.latency, .textMuted)
        let peerUp = region.up && status.region(link.to)?.up != false
        let (text, role): (String, ThemeRole) = link.partitioned ? ("✂ partitioned", .linkPartitioned)
            : peerUp ? ("linked", .linkHealthy) : ("region down", .regionDown)
        x += row.write(&buffer, text, at: x, width: Columns.state, role)
        let lagSparkline = Sparkline.render(history.lagMs.samples, width: columns.sparkline, ceiling: laggingThreshold(link))
        x += row.write(&buffer, lagSparkline, at: x, width: columns.sparkline, .sparkline)
        let lag = TextColumns.padded(RegionCommand.milliseconds(link.lagMs.rounded()) + " ms", to: Columns.lag, alignRight: true)
        x += row.write(&buffer, lag + " ", at: x, width: Columns.lag + 1, isLagging(link) ? .regionLagging : .text)
        x += row.write(&buffer, Sparkline.render(history.pendingOps.samples, width: columns.sparkline), at: x, width: columns.sparkline, .sparkline)
        row.write(&buffer, TextColumns.padded(String(link.pendingOps), to: Columns.pending, alignRight: true), at: x, width: Columns.pending,
                  link.pendingOps > 0 ? .warning : .textMuted)
    }

    /// Lag well past the link's own latency: changes are waiting (a cut
    /// link, a region down, a backlog), not just travelling. The floor
    /// keeps a fast link's jitter from flashing.
    static func isLagging(_ link: RegionLinkInfo) -> Bool {
        link.lagMs > laggingThreshold(link)
    }

    /// Also the top of the lag sparkline's scale: a link lagging only by
    /// its latency draws low bars, one lagging behind draws high ones.
    static func laggingThreshold(_ link: RegionLinkInfo) -> Double {
        max(2 * link.latencyMs, 100)
    }

    /// Writes one row's cells, in the selection's style when the row is
    /// selected, clipped to the pane.
    struct RowWriter {
        let rect: Rect
        let y: Int
        let theme: Theme
        let rowStyle: Style?

        /// Writes `text` at column `x` of the row within `width` columns
        /// (the rest of the row when nil); returns the columns the cell
        /// takes — `width`, or what was written.
        @discardableResult
        mutating func write(_ buffer: inout ScreenBuffer, _ text: String, at x: Int, width: Int?, _ role: ThemeRole) -> Int {
            let left = rect.x + x
            guard left < rect.maxX else { return width ?? 0 }
            let room = min(width ?? Int.max, rect.maxX - left)
            let written = buffer.write(text, x: left, y: y, style: rowStyle ?? theme.style(for: role), maxWidth: room)
            return width ?? written
        }
    }
}
