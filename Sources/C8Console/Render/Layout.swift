/// Where each part of the console goes for a screen size. The reducer uses
/// it too (how many rows a page is), so keys and drawing agree.
public struct Layout: Sendable, Equatable {
    public let screen: Rect
    public let fabrics: Rect
    public let collections: Rect
    public let documents: Rect
    public let query: Rect
    public let status: Rect
    public let hints: Rect

    public init(width: Int, height: Int) {
        screen = Rect(x: 0, y: 0, width: width, height: height)
        let (body, bottom) = screen.splitBottom(2)
        status = Rect(x: 0, y: bottom.y, width: width, height: 1)
        hints = Rect(x: 0, y: bottom.y + 1, width: width, height: 1)
        let leftWidth = min(34, max(22, width / 4))
        let (left, main) = body.splitLeft(leftWidth)
        (fabrics, collections) = left.splitTop(max(5, body.height / 3))
        (documents, query) = main.splitTop(max(6, body.height * 11 / 20))
    }

    /// Documents and Query together: where Streams and Regions go.
    public var mainArea: Rect {
        Rect(x: documents.x, y: documents.y, width: documents.width, height: query.maxY - documents.y)
    }

    /// The Regions pane takes the main area.
    public var regions: Rect { mainArea }

    public func rect(of pane: PaneID) -> Rect {
        switch pane {
        case .fabrics: fabrics
        case .collections: collections
        case .documents: documents
        case .query: query
        case .streams: streams
        case .regions: regions
        }
    }

    /// Rows of list content inside a pane's border.
    public func listRows(_ pane: PaneID) -> Int {
        max(1, rect(of: pane).height - 2 - (pane.hasHeaderRow ? 1 : 0))
    }

    /// The Query pane's parts: editor, results, stats line.
    public func queryParts(editorLines: Int) -> (editor: Rect, results: Rect, stats: Rect) {
        let inside = query.inset(by: 1)
        let editorHeight = min(max(3, editorLines + 1), max(3, inside.height / 2))
        let (editor, rest) = inside.splitTop(editorHeight)
        let (results, stats) = rest.splitBottom(1)
        return (editor, Rect(x: results.x, y: results.y + 1, width: results.width, height: results.height - 1), stats)
    }
}
