import C8Core
import C8Engine
import Dispatch

/// A query parsed and planned against a fabric, ready to run or explain.
struct PreparedQuery {
    let text: String
    let parsed: ParsedQuery
    let steps: [PlanStep]
    let slotCount: Int
    let slotNames: [String]
    let modifiedCollections: [String]
    let readCollections: [String]
    let referencedCollections: [String]
    let rules: [String]
    /// Seconds spent parsing and planning, for ``QueryProfile``.
    let parseTime: Double
    let planTime: Double

    /// - Parameter parseCache: where a text parsed before is found; nil
    ///   parses it here.
    init(
        text: String, fabric: Fabric, bindVariables: JSONObject, options: QueryOptions, parseCache: ParseCache? = nil
    ) throws(C8Error) {
        self.text = text
        let start = DispatchTime.now()
        if let parseCache {
            parsed = try parseCache.parse(text)
        } else {
            guard !text.allSatisfy(\.isWhitespace) else { throw C8Error(.queryEmpty) }
            parsed = try QueryParser.parse(text)
        }
        parseTime = QueryProfile.seconds(since: start)
        let planStart = DispatchTime.now()
        var builder = PlanBuilder(fabric: fabric, bindVariables: bindVariables, options: options)
        steps = try builder.plan(parsed.query)
        slotCount = builder.slotCount
        slotNames = builder.slotNames
        modifiedCollections = builder.modifiedCollections
        readCollections = builder.readCollections
        referencedCollections = builder.referencedCollections.list
        rules = builder.appliedRules
        planTime = QueryProfile.seconds(since: planStart)
    }

    var isModifying: Bool { !modifiedCollections.isEmpty }
}
