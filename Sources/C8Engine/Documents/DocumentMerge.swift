import C8Core

/// ArangoDB's UPDATE semantics: a patch merged into a stored document.
enum DocumentMerge {
    /// `patch` merged into `base`: new attributes appended, existing ones
    /// replaced in place; with `mergeObjects`, nested objects merge
    /// recursively; without `keepNull`, a null in the patch removes the
    /// attribute.
    static func merge(_ base: JSONObject, _ patch: JSONObject, keepNull: Bool, mergeObjects: Bool) -> JSONObject {
        var result = base
        for member in patch.members {
            if member.value.isNull && !keepNull {
                result.removeValue(forKey: member.key)
                continue
            }
            if mergeObjects, case .object(let patchObject) = member.value, case .object(let baseObject)? = result[member.key] {
                result[member.key] = .object(merge(baseObject, patchObject, keepNull: keepNull, mergeObjects: true))
            } else if !keepNull, case .object(let patchObject) = member.value {
                result[member.key] = .object(removeNulls(patchObject))
            } else {
                result[member.key] = member.value
            }
        }
        return result
    }

    private static func removeNulls(_ object: JSONObject) -> JSONObject {
        var result = JSONObject(minimumCapacity: object.count)
        for member in object.members where !member.value.isNull {
            if case .object(let nested) = member.value {
                result.appendUnique(member.key, .object(removeNulls(nested)))
            } else {
                result.appendUnique(member.key, member.value)
            }
        }
        return result
    }
}
