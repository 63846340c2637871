import C8Core
import XCTest

/// LENGTH(coll) and COUNT(coll) count the collection's documents, as in
/// ArangoDB; they returned the length of the collection's *name* (found by
/// the disk-fault campaign, whose count of 46 documents came back as 8).
final class CollectionLengthTests: QueryTestCase {
    func testLengthAndCountOfACollectionAreItsDocumentCount() {
        assertQuery("RETURN LENGTH(users)", "[5]")
        assertQuery("RETURN COUNT(users)", "[5]")
        assertQuery("RETURN LENGTH(knows)", "[5]")
        assertQuery("RETURN LENGTH(@@c)", "[5]", bind: ["@c": "users"])
        assertQuery("RETURN LENGTH('users!')", "[6]")  // a string stays a string
        assertQuery("RETURN LENGTH([1, 2])", "[2]")
    }
}
