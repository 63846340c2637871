import C8Core
import C8Engine

/// A query parsed and planned against a fabric, ready to run or explain.
struct PreparedQuery {
    let text: String
    let parsed: ParsedQuery
    let steps: [PlanStep]
    let slotCount: Int
    let slotNames: [String]
    let modifiedCollections: [String]
    let readCollections: [String]
    let rules: [String]

    init(text: String, fabric: Fabric, bindVariables: JSONObject, options: QueryOptions) throws(C8Error) {
        guard !text.allSatisfy(\.isWhitespace) else { throw C8Error(.queryEmpty) }
        self.text = text
        parsed = try QueryParser.parse(text)
        var builder = PlanBuilder(fabric: fabric, bindVariables: bindVariables, options: options)
        steps = try builder.plan(parsed.query)
        slotCount = builder.slotCount
        slotNames = builder.slotNames
        modifiedCollections = builder.modifiedCollections
        readCollections = builder.readCollections
        rules = builder.appliedRules
    }

    var isModifying: Bool { !modifiedCollections.isEmpty }
}
