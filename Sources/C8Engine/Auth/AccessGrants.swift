import C8Core

/// The access levels granted to one user or API key, fabric by fabric.
///
/// Only what was granted is stored; ``level(_:)`` resolves everything else
/// through ``AccessResolution``.
public struct AccessGrants: Sendable, Equatable {
    /// What was granted on one fabric and on the things in it.
    public struct FabricGrants: Sendable, Equatable {
        /// The fabric's own level; nil when never granted.
        public var level: Permission?
        /// Levels of named things, by kind; the name ``AccessGrants/wildcard``
        /// is the kind's default in this fabric.
        public var resources: [ResourceKind: [String: Permission]] = [:]

        public init(level: Permission? = nil) {
            self.level = level
        }

        var isEmpty: Bool { level == nil && resources.values.allSatisfy(\.isEmpty) }
    }

    /// The name that stands for "every other one of this kind".
    public static let wildcard = "*"

    public private(set) var fabrics: [String: FabricGrants] = [:]

    /// The level on the tenant's billing (`/_api/key/{k}/billing`); nil
    /// when never granted, which reads as `none`.
    public var billing: Permission?

    public init() {}

    /// The level that applies to `target`.
    public func level(_ target: AccessTarget) -> Permission {
        let grants = fabrics[target.fabric]
        switch target {
        case .fabric:
            return AccessResolution.resolve(fabric: grants?.level, explicit: nil, kindDefault: nil)
        case .resource(let kind, _, let name):
            let named = grants?.resources[kind]
            return AccessResolution.resolve(fabric: grants?.level, explicit: named?[name], kindDefault: named?[Self.wildcard])
        }
    }

    /// The level granted on `target` itself, nil when none was.
    public func explicitLevel(_ target: AccessTarget) -> Permission? {
        switch target {
        case .fabric(let fabric): fabrics[fabric]?.level
        case .resource(let kind, let fabric, let name): fabrics[fabric]?.resources[kind]?[name]
        }
    }

    /// Grants `level` on `target`; a name of `*` sets the kind's default.
    /// - Throws: 400 for the fabric `*` (the fabric default is fixed at
    ///   `none`) and for empty names.
    public mutating func grant(_ level: Permission, on target: AccessTarget) throws(C8Error) {
        guard !target.fabric.isEmpty else { throw C8Error(.badParameter, "a grant needs a fabric name") }
        switch target {
        case .fabric(let fabric):
            if fabric == Self.wildcard {
                throw C8Error(.badParameter, "the default fabric access level is always none and cannot be granted")
            }
            fabrics[fabric, default: FabricGrants()].level = level
        case .resource(let kind, let fabric, let name):
            guard !name.isEmpty else { throw C8Error(.badParameter, "a \(kind.pathSegment) grant needs a name") }
            fabrics[fabric, default: FabricGrants()].resources[kind, default: [:]][name] = level
        }
    }

    /// Removes the grant on `target`, so that it resolves from the levels
    /// above it again. Clearing a fabric keeps the grants inside it.
    public mutating func revoke(_ target: AccessTarget) {
        guard var grants = fabrics[target.fabric] else { return }
        switch target {
        case .fabric: grants.level = nil
        case .resource(let kind, _, let name): grants.resources[kind]?[name] = nil
        }
        fabrics[target.fabric] = grants.isEmpty ? nil : grants
    }

    /// Forgets everything granted on `fabric` (when it is dropped, so that a
    /// new fabric of the same name starts closed).
    public mutating func revokeAll(in fabric: String) {
        fabrics[fabric] = nil
    }
}

extension AccessGrants {
    /// `{"fabrics": {"<fabric>": {"level": "rw", "collection": {"*": "ro"}, "stream": {…}, "restql": {…}}}, "billing": "ro"}`
    var json: JSON {
        var object = JSONObject()
        for fabric in fabrics.keys.sorted() {
            let grants = fabrics[fabric]!
            var entry = JSONObject()
            if let level = grants.level { entry["level"] = .string(level.rawValue) }
            for kind in ResourceKind.allCases {
                guard let named = grants.resources[kind], !named.isEmpty else { continue }
                var levels = JSONObject()
                for name in named.keys.sorted() { levels[name] = .string(named[name]!.rawValue) }
                entry[kind.pathSegment] = .object(levels)
            }
            object[fabric] = .object(entry)
        }
        var stored: JSONObject = ["fabrics": .object(object)]
        if let billing { stored["billing"] = .string(billing.rawValue) }
        return .object(stored)
    }

    init(json: JSON) throws(C8Error) {
        if json.isNull { return }
        guard let object = json["fabrics"].objectValue else {
            throw C8Error(.internalError, "stored grants have no fabrics object")
        }
        billing = try Self.storedLevel(json["billing"])
        for (fabric, entry) in object.entries {
            var grants = FabricGrants(level: try Self.storedLevel(entry["level"]))
            for kind in ResourceKind.allCases {
                guard let named = entry[kind.pathSegment].objectValue else { continue }
                for (name, level) in named.entries { grants.resources[kind, default: [:]][name] = try Self.storedLevel(level) }
            }
            fabrics[fabric] = grants
        }
    }

    private static func storedLevel(_ json: JSON) throws(C8Error) -> Permission? {
        guard !json.isNull else { return nil }
        guard let text = json.stringValue, let level = Permission(rawValue: text) else {
            throw C8Error(.internalError, "stored access level \(json.jsonString()) is not rw, ro or none")
        }
        return level
    }
}
