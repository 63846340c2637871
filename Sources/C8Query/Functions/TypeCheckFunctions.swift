import C8Core

/// IS_NULL, IS_BOOL, …, TYPENAME: questions about a value's type. They
/// never cast and never warn.
enum TypeCheckFunctions {
    static let definitions: [FunctionDefinition] = {
        let isArray = check("IS_ARRAY") { $0.arrayValue != nil }
        let isObject = check("IS_OBJECT") { $0.objectValue != nil }
        return [
            check("IS_NULL") { $0.isNull },
            check("IS_BOOL") { $0.boolValue != nil },
            check("IS_NUMBER") { $0.doubleValue != nil },
            check("IS_STRING") { $0.stringValue != nil },
            isArray, isArray.aliased(as: "IS_LIST"),
            isObject, isObject.aliased(as: "IS_DOCUMENT"),
            check("IS_DATESTRING") { $0.stringValue.map { DateParser.parse($0) != nil } ?? false },
            check("IS_KEY") { $0.stringValue.map(DocumentKey.isValid) ?? false },
            check("IS_IPV4") { $0.stringValue.map { IPv4.parse($0) != nil } ?? false },
            FunctionDefinition("TYPENAME", 1...1, .typeCheck) { call in .string(call[0].typeName) },
        ]
    }()

    private static func check(_ name: String, _ test: @escaping @Sendable (JSON) -> Bool) -> FunctionDefinition {
        FunctionDefinition(name, 1...1, .typeCheck) { call in .bool(test(call[0])) }
    }
}

/// Dotted-quad IPv4 addresses as Linux's `inet_pton` reads them (what
/// ArangoDB uses): exactly four decimal parts 0–255, no leading zeros.
enum IPv4 {
    static func parse(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard (1...3).contains(part.utf8.count), part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  part.utf8.count == 1 || part.utf8.first != 0x30, let octet = UInt32(part), octet <= 255
            else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    static func format(_ value: UInt32) -> String {
        "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    }
}
