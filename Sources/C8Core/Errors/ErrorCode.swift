/// An ArangoDB-numbered error, as C8 reports it in `errorNum`.
///
/// C8DB is an ArangoDB fork and keeps its error numbering (its docs spell the
/// names `ERROR_C8DB_*` where ArangoDB says `ERROR_ARANGO_*`), and clients
/// such as pyC8 and jsC8 branch on these numbers. So every failure the
/// platform reports carries one of them, and the default HTTP status and
/// message live here, once, instead of at each call site.
///
/// The raw value is the `errorNum`; `ErrorCode(rawValue:)` looks a number up.
/// The catalog data (name, status, message) is in ``ErrorCode/entry``: one
/// exhaustive switch, so adding a case without its row does not compile.
public enum ErrorCode: Int, CaseIterable, Sendable {
    // MARK: General (0–99)
    case failed = 1
    case internalError = 4
    case notImplemented = 9
    case badParameter = 10
    case forbidden = 11
    case shuttingDown = 30
    case resourceLimit = 32

    // MARK: HTTP (400–599) — the errorNum equals the status
    case httpBadParameter = 400
    case httpUnauthorized = 401
    case httpForbidden = 403
    case httpNotFound = 404
    case httpMethodNotAllowed = 405
    case httpNotAcceptable = 406
    case httpRequestTimeout = 408
    case httpConflict = 409
    case httpGone = 410
    case httpPreconditionFailed = 412
    case httpServerError = 500
    case httpNotImplemented = 501
    case httpServiceUnavailable = 503
    case httpGatewayTimeout = 504

    // MARK: HTTP processing (600–699)
    case corruptedJSON = 600
    case superfluousSuffices = 601

    // MARK: Storage and documents (1000–1299)
    case readOnly = 1004
    case filesystemFull = 1104
    case conflict = 1200
    case documentNotFound = 1202
    case collectionNotFound = 1203
    case collectionParameterMissing = 1204
    case documentHandleBad = 1205
    case duplicateName = 1207
    case illegalName = 1208
    case noIndex = 1209
    case uniqueConstraintViolated = 1210
    case viewNotFound = 1211
    case indexNotFound = 1212
    case indexHandleBad = 1214
    case documentTooLarge = 1216
    case collectionTypeInvalid = 1218
    case documentKeyBad = 1221
    case documentKeyUnexpected = 1222
    case outOfKeys = 1225
    case documentKeyMissing = 1226
    case documentTypeInvalid = 1227
    case databaseNotFound = 1228
    case databaseNameInvalid = 1229
    case useSystemDatabase = 1230
    case invalidKeyGenerator = 1232
    case invalidEdgeAttribute = 1233
    case indexCreationFailed = 1235
    case collectionTypeMismatch = 1237
    case documentRevisionBad = 1239

    // MARK: Cluster (1450–1499)
    case clusterTimeout = 1457
    case shardGone = 1464
    case mustNotSpecifyKey = 1466
    case mustNotChangeShardingAttributes = 1469
    case clusterUnsupported = 1470
    case backendUnavailable = 1478
    case notLeader = 1496

    // MARK: Query (1500–1599)
    case queryKilled = 1500
    case queryParse = 1501
    case queryEmpty = 1502
    case queryScript = 1503
    case queryNumberOutOfRange = 1504
    case queryInvalidGeoValue = 1505
    case queryVariableNameInvalid = 1510
    case queryVariableRedeclared = 1511
    case queryVariableNameUnknown = 1512
    case queryCollectionLockFailed = 1521
    case queryTooManyCollections = 1522
    case queryDocumentAttributeRedeclared = 1530
    case queryFunctionNameUnknown = 1540
    case queryFunctionArgumentNumberMismatch = 1541
    case queryFunctionArgumentTypeMismatch = 1542
    case queryInvalidRegex = 1543
    case queryBindParametersInvalid = 1550
    case queryBindParameterMissing = 1551
    case queryBindParameterUndeclared = 1552
    case queryBindParameterType = 1553
    case queryInvalidLogicalValue = 1560
    case queryInvalidArithmeticValue = 1561
    case queryDivisionByZero = 1562
    case queryArrayExpected = 1563
    case queryFailCalled = 1569
    case queryUserAssert = 1593
    case queryUserWarn = 1594
    case queryGeoIndexMissing = 1570
    case queryFulltextIndexMissing = 1571
    case queryInvalidDateValue = 1572
    case queryMultiModify = 1573
    case queryInvalidAggregateExpression = 1574
    case queryCompileTimeOptions = 1575
    case queryExceptionOptions = 1576
    case queryCollectionUsedInExpression = 1577
    case queryDisallowedDynamicCall = 1578
    case queryAccessAfterModification = 1579
    case queryNotFound = 1591

    // MARK: Cursors (1600–1699) and transactions
    case cursorNotFound = 1600
    case cursorBusy = 1601
    case transactionInternal = 1650
    case transactionNested = 1651
    case transactionUnregisteredCollection = 1652
    case transactionDisallowedOperation = 1653
    case transactionAborted = 1654
    case transactionNotFound = 1655

    // MARK: Users (1700–1799)
    case userInvalidName = 1700
    case userInvalidPassword = 1701
    case userDuplicate = 1702
    case userNotFound = 1703
    case userChangePassword = 1704
    case userExternal = 1705

    // MARK: Graphs (1900–1949)
    case graphInvalidGraph = 1901
    case graphCouldNotCreateGraph = 1902
    case graphInvalidVertex = 1903
    case graphCouldNotCreateVertex = 1904
    case graphCouldNotChangeVertex = 1905
    case graphInvalidEdge = 1906
    case graphCouldNotCreateEdge = 1907
    case graphCouldNotChangeEdge = 1908
    case graphTooManyIterations = 1909
    case graphInvalidFilterResult = 1910
    case graphCollectionMultiUse = 1920
    case graphCollectionUseInMultiGraphs = 1921
    case graphCreateMissingName = 1922
    case graphCreateMalformedEdgeDefinition = 1923
    case graphNotFound = 1924
    case graphDuplicate = 1925
    case graphVertexCollectionDoesNotExist = 1926
    case graphWrongCollectionTypeVertex = 1927
    case graphNotInOrphanCollection = 1928
    case graphCollectionUsedInEdgeDefinition = 1929
    case graphEdgeCollectionNotUsed = 1930
    case graphNoGraphCollection = 1932
    case graphInvalidExampleArrayObjectString = 1933
    case graphInvalidExampleArrayObject = 1934
    case graphInvalidNumberOfArguments = 1935
    case graphInvalidParameter = 1936
    case graphInvalidId = 1937
    case graphCollectionUsedInOrphans = 1938
    case graphEdgeCollectionDoesNotExist = 1939
    case graphEmpty = 1940

    // MARK: GDN accounts (100000–) — numbers as GDN answers them
    case duplicateEmail = 100012
    case invalidAPIKeyId = 100015
    case invalidAPIKeyIdentifier = 100020
}

extension ErrorCode {
    /// The errorNum sent on the wire.
    public var errorNum: Int { rawValue }

    /// ArangoDB's symbolic name (`ERROR_ARANGO_DOCUMENT_NOT_FOUND`), the one
    /// ArangoDB drivers and docs use.
    public var name: String { entry.name }

    /// The name as Macrometa's error-code page spells it: `ERROR_ARANGO_*`
    /// becomes `ERROR_C8DB_*` (and 1203 keeps its pre-views name
    /// `…_COLLECTION_NOT_FOUND`); the other families share ArangoDB's names.
    public var c8Name: String {
        switch self {
        case .collectionNotFound: return "ERROR_C8DB_COLLECTION_NOT_FOUND"
        default:
            let n = name
            if n.hasPrefix("ERROR_ARANGO_") { return "ERROR_C8DB_" + n.dropFirst("ERROR_ARANGO_".count) }
            return n
        }
    }

    /// The HTTP status a response carries when nothing more specific applies
    /// (a revision conflict found through `If-Match` is 412, not 409, say).
    public var httpStatus: Int { entry.status }

    /// A message that reads well without any arguments.
    public var defaultMessage: String { entry.message }

    /// ArangoDB's exact message with `%s`/`%d` placeholders, for the codes
    /// whose message names something (a variable, a function, a bind
    /// parameter); nil when ``defaultMessage`` is already the full text.
    public var messageTemplate: String? { entry.template }

    /// The message with `arguments` substituted, in order, for the template's
    /// `%s` and `%d` placeholders. Codes without a template return
    /// ``defaultMessage``; missing arguments leave empty text in their place,
    /// because an error message must never itself fail to build.
    public func message(arguments: [String]) -> String {
        guard let template = messageTemplate else { return defaultMessage }
        var result = ""
        var remaining = arguments.makeIterator()
        var chars = template.makeIterator()
        while let c = chars.next() {
            guard c == "%" else { result.append(c); continue }
            guard let spec = chars.next() else { result.append(c); break }
            if spec == "s" || spec == "d" {
                result += remaining.next() ?? ""
            } else {
                result.append(c)
                result.append(spec)
            }
        }
        return result
    }
}

/// One row of the catalog.
struct ErrorCatalogEntry: Sendable {
    let name: String
    let status: Int
    let message: String
    let template: String?

    init(_ name: String, _ status: Int, _ message: String, template: String? = nil) {
        self.name = name
        self.status = status
        self.message = message
        self.template = template
    }
}

extension ErrorCode {
    /// The catalog. Messages and names follow ArangoDB's `errors.dat`
    /// (3.4–3.6, the lineage C8DB forked from); 1577 uses the number C8's own
    /// error-code page gives it (ArangoDB later moved it to 1568).
    var entry: ErrorCatalogEntry {
        typealias E = ErrorCatalogEntry
        switch self {
        case .failed: return E("ERROR_FAILED", 500, "failed")
        case .internalError: return E("ERROR_INTERNAL", 500, "internal error")
        case .notImplemented: return E("ERROR_NOT_IMPLEMENTED", 501, "not implemented")
        case .badParameter: return E("ERROR_BAD_PARAMETER", 400, "bad parameter")
        case .forbidden: return E("ERROR_FORBIDDEN", 403, "forbidden")
        case .shuttingDown: return E("ERROR_SHUTTING_DOWN", 503, "shutdown in progress")
        case .resourceLimit: return E("ERROR_RESOURCE_LIMIT", 400, "resource limit exceeded")

        case .httpBadParameter: return E("ERROR_HTTP_BAD_PARAMETER", 400, "bad parameter")
        case .httpUnauthorized: return E("ERROR_HTTP_UNAUTHORIZED", 401, "unauthorized")
        case .httpForbidden: return E("ERROR_HTTP_FORBIDDEN", 403, "forbidden")
        case .httpNotFound: return E("ERROR_HTTP_NOT_FOUND", 404, "not found")
        case .httpMethodNotAllowed: return E("ERROR_HTTP_METHOD_NOT_ALLOWED", 405, "method not supported")
        case .httpNotAcceptable: return E("ERROR_HTTP_NOT_ACCEPTABLE", 406, "request not acceptable")
        case .httpRequestTimeout: return E("ERROR_HTTP_REQUEST_TIMEOUT", 408, "request timeout")
        case .httpConflict: return E("ERROR_HTTP_CONFLICT", 409, "conflict")
        case .httpGone: return E("ERROR_HTTP_GONE", 410, "content permanently deleted")
        case .httpPreconditionFailed: return E("ERROR_HTTP_PRECONDITION_FAILED", 412, "precondition failed")
        case .httpServerError: return E("ERROR_HTTP_SERVER_ERROR", 500, "internal server error")
        case .httpNotImplemented: return E("ERROR_HTTP_NOT_IMPLEMENTED", 501, "not implemented")
        case .httpServiceUnavailable: return E("ERROR_HTTP_SERVICE_UNAVAILABLE", 503, "service unavailable")
        case .httpGatewayTimeout: return E("ERROR_HTTP_GATEWAY_TIMEOUT", 504, "gateway timeout")

        case .corruptedJSON: return E("ERROR_HTTP_CORRUPTED_JSON", 400, "invalid JSON object")
        case .superfluousSuffices: return E("ERROR_HTTP_SUPERFLUOUS_SUFFICES", 400, "superfluous URL suffices")

        case .readOnly: return E("ERROR_ARANGO_READ_ONLY", 403, "read only")
        case .filesystemFull: return E("ERROR_ARANGO_FILESYSTEM_FULL", 507, "filesystem full")
        case .conflict: return E("ERROR_ARANGO_CONFLICT", 409, "conflict")
        case .documentNotFound: return E("ERROR_ARANGO_DOCUMENT_NOT_FOUND", 404, "document not found")
        case .collectionNotFound: return E("ERROR_ARANGO_DATA_SOURCE_NOT_FOUND", 404, "collection or view not found")
        case .collectionParameterMissing:
            return E("ERROR_ARANGO_COLLECTION_PARAMETER_MISSING", 400, "parameter 'collection' not found")
        case .documentHandleBad: return E("ERROR_ARANGO_DOCUMENT_HANDLE_BAD", 400, "illegal document handle")
        case .duplicateName: return E("ERROR_ARANGO_DUPLICATE_NAME", 409, "duplicate name")
        case .illegalName: return E("ERROR_ARANGO_ILLEGAL_NAME", 400, "illegal name")
        case .noIndex: return E("ERROR_ARANGO_NO_INDEX", 400, "no suitable index known")
        case .uniqueConstraintViolated:
            return E("ERROR_ARANGO_UNIQUE_CONSTRAINT_VIOLATED", 409, "unique constraint violated")
        case .viewNotFound: return E("ERROR_ARANGO_VIEW_NOT_FOUND", 404, "view not found")
        case .indexNotFound: return E("ERROR_ARANGO_INDEX_NOT_FOUND", 404, "index not found")
        case .indexHandleBad: return E("ERROR_ARANGO_INDEX_HANDLE_BAD", 400, "illegal index handle")
        case .documentTooLarge: return E("ERROR_ARANGO_DOCUMENT_TOO_LARGE", 413, "document too large")
        case .collectionTypeInvalid: return E("ERROR_ARANGO_COLLECTION_TYPE_INVALID", 400, "collection type invalid")
        case .documentKeyBad: return E("ERROR_ARANGO_DOCUMENT_KEY_BAD", 400, "illegal document key")
        case .documentKeyUnexpected: return E("ERROR_ARANGO_DOCUMENT_KEY_UNEXPECTED", 400, "unexpected document key")
        case .outOfKeys: return E("ERROR_ARANGO_OUT_OF_KEYS", 500, "out of keys")
        case .documentKeyMissing: return E("ERROR_ARANGO_DOCUMENT_KEY_MISSING", 400, "missing document key")
        case .documentTypeInvalid: return E("ERROR_ARANGO_DOCUMENT_TYPE_INVALID", 400, "invalid document type")
        case .databaseNotFound: return E("ERROR_ARANGO_DATABASE_NOT_FOUND", 404, "database not found")
        case .databaseNameInvalid: return E("ERROR_ARANGO_DATABASE_NAME_INVALID", 400, "database name invalid")
        case .useSystemDatabase:
            return E("ERROR_ARANGO_USE_SYSTEM_DATABASE", 403, "operation only allowed in system database")
        case .invalidKeyGenerator: return E("ERROR_ARANGO_INVALID_KEY_GENERATOR", 400, "invalid key generator")
        case .invalidEdgeAttribute:
            return E("ERROR_ARANGO_INVALID_EDGE_ATTRIBUTE", 400, "edge attribute missing or invalid")
        case .indexCreationFailed: return E("ERROR_ARANGO_INDEX_CREATION_FAILED", 500, "index creation failed")
        case .collectionTypeMismatch:
            return E("ERROR_ARANGO_COLLECTION_TYPE_MISMATCH", 400, "collection type mismatch")
        case .documentRevisionBad: return E("ERROR_ARANGO_DOCUMENT_REV_BAD", 400, "illegal document revision")

        case .clusterTimeout: return E("ERROR_CLUSTER_TIMEOUT", 504, "timeout in cluster operation")
        case .shardGone: return E("ERROR_CLUSTER_SHARD_GONE", 500, "no responsible shard found")
        case .mustNotSpecifyKey:
            return E("ERROR_CLUSTER_MUST_NOT_SPECIFY_KEY", 400, "must not specify _key for this collection")
        case .mustNotChangeShardingAttributes:
            return E("ERROR_CLUSTER_MUST_NOT_CHANGE_SHARDING_ATTRIBUTES", 400,
                     "must not change the value of a shard key attribute")
        case .clusterUnsupported:
            return E("ERROR_CLUSTER_UNSUPPORTED", 501, "unsupported operation or parameter for clusters")
        case .backendUnavailable:
            return E("ERROR_CLUSTER_BACKEND_UNAVAILABLE", 503,
                     "A cluster backend which was required for the operation could not be reached")
        case .notLeader: return E("ERROR_CLUSTER_NOT_LEADER", 503, "not a leader")

        case .queryKilled: return E("ERROR_QUERY_KILLED", 410, "query killed")
        case .queryParse: return E("ERROR_QUERY_PARSE", 400, "syntax error", template: "%s")
        case .queryEmpty: return E("ERROR_QUERY_EMPTY", 400, "query is empty")
        case .queryScript: return E("ERROR_QUERY_SCRIPT", 400, "runtime error", template: "runtime error '%s'")
        case .queryNumberOutOfRange: return E("ERROR_QUERY_NUMBER_OUT_OF_RANGE", 400, "number out of range")
        case .queryInvalidGeoValue: return E("ERROR_QUERY_INVALID_GEO_VALUE", 400, "invalid geo coordinate value")
        case .queryVariableNameInvalid:
            return E("ERROR_QUERY_VARIABLE_NAME_INVALID", 400, "variable name has an invalid format",
                     template: "variable name '%s' has an invalid format")
        case .queryVariableRedeclared:
            return E("ERROR_QUERY_VARIABLE_REDECLARED", 400, "variable is assigned multiple times",
                     template: "variable '%s' is assigned multiple times")
        case .queryVariableNameUnknown:
            return E("ERROR_QUERY_VARIABLE_NAME_UNKNOWN", 400, "unknown variable", template: "unknown variable '%s'")
        case .queryCollectionLockFailed:
            return E("ERROR_QUERY_COLLECTION_LOCK_FAILED", 500, "unable to read-lock collection",
                     template: "unable to read-lock collection %s")
        case .queryTooManyCollections:
            return E("ERROR_QUERY_TOO_MANY_COLLECTIONS", 400, "too many collections/shards")
        case .queryDocumentAttributeRedeclared:
            return E("ERROR_QUERY_DOCUMENT_ATTRIBUTE_REDECLARED", 400, "document attribute is assigned multiple times",
                     template: "document attribute '%s' is assigned multiple times")
        case .queryFunctionNameUnknown:
            return E("ERROR_QUERY_FUNCTION_NAME_UNKNOWN", 400, "usage of unknown function",
                     template: "usage of unknown function '%s()'")
        case .queryFunctionArgumentNumberMismatch:
            return E("ERROR_QUERY_FUNCTION_ARGUMENT_NUMBER_MISMATCH", 400, "invalid number of arguments for function",
                     template: "invalid number of arguments for function '%s()', "
                         + "expected number of arguments: minimum: %d, maximum: %d")
        case .queryFunctionArgumentTypeMismatch:
            return E("ERROR_QUERY_FUNCTION_ARGUMENT_TYPE_MISMATCH", 400, "invalid argument type in call to function",
                     template: "invalid argument type in call to function '%s()'")
        case .queryInvalidRegex: return E("ERROR_QUERY_INVALID_REGEX", 400, "invalid regex value")
        case .queryBindParametersInvalid:
            return E("ERROR_QUERY_BIND_PARAMETERS_INVALID", 400, "invalid structure of bind parameters")
        case .queryBindParameterMissing:
            return E("ERROR_QUERY_BIND_PARAMETER_MISSING", 400, "no value specified for declared bind parameter",
                     template: "no value specified for declared bind parameter '%s'")
        case .queryBindParameterUndeclared:
            return E("ERROR_QUERY_BIND_PARAMETER_UNDECLARED", 400, "bind parameter was not declared in the query",
                     template: "bind parameter '%s' was not declared in the query")
        case .queryBindParameterType:
            return E("ERROR_QUERY_BIND_PARAMETER_TYPE", 400, "bind parameter has an invalid value or type",
                     template: "bind parameter '%s' has an invalid value or type")
        case .queryInvalidLogicalValue: return E("ERROR_QUERY_INVALID_LOGICAL_VALUE", 400, "invalid logical value")
        case .queryInvalidArithmeticValue:
            return E("ERROR_QUERY_INVALID_ARITHMETIC_VALUE", 400, "invalid arithmetic value")
        case .queryDivisionByZero: return E("ERROR_QUERY_DIVISION_BY_ZERO", 400, "division by zero")
        case .queryArrayExpected: return E("ERROR_QUERY_ARRAY_EXPECTED", 400, "array expected")
        case .queryFailCalled: return E("ERROR_QUERY_FAIL_CALLED", 400, "FAIL() called", template: "FAIL(%s) called")
        case .queryUserAssert: return E("ERROR_QUERY_USER_ASSERT", 400, "assertion failed")
        case .queryUserWarn: return E("ERROR_QUERY_USER_WARN", 400, "warning triggered")
        case .queryGeoIndexMissing:
            return E("ERROR_QUERY_GEO_INDEX_MISSING", 400, "no suitable geo index found for geo restriction",
                     template: "no suitable geo index found for geo restriction on '%s'")
        case .queryFulltextIndexMissing:
            return E("ERROR_QUERY_FULLTEXT_INDEX_MISSING", 400, "no suitable fulltext index found for fulltext query",
                     template: "no suitable fulltext index found for fulltext query on '%s'")
        case .queryInvalidDateValue: return E("ERROR_QUERY_INVALID_DATE_VALUE", 400, "invalid date value")
        case .queryMultiModify: return E("ERROR_QUERY_MULTI_MODIFY", 400, "multi-modify query")
        case .queryInvalidAggregateExpression:
            return E("ERROR_QUERY_INVALID_AGGREGATE_EXPRESSION", 400, "invalid aggregate expression")
        case .queryCompileTimeOptions:
            return E("ERROR_QUERY_COMPILE_TIME_OPTIONS", 400, "query options must be readable at query compile time")
        case .queryExceptionOptions: return E("ERROR_QUERY_EXCEPTION_OPTIONS", 400, "query options expected")
        case .queryCollectionUsedInExpression:
            return E("ERROR_QUERY_COLLECTION_USED_IN_EXPRESSION", 400, "collection used as expression operand",
                     template: "collection '%s' used as expression operand")
        case .queryDisallowedDynamicCall:
            return E("ERROR_QUERY_DISALLOWED_DYNAMIC_CALL", 400, "disallowed dynamic call",
                     template: "disallowed dynamic call to '%s'")
        case .queryAccessAfterModification:
            return E("ERROR_QUERY_ACCESS_AFTER_MODIFICATION", 400, "access after data-modification",
                     template: "access after data-modification by %s")
        case .queryNotFound: return E("ERROR_QUERY_NOT_FOUND", 404, "query ID not found")

        case .cursorNotFound: return E("ERROR_CURSOR_NOT_FOUND", 404, "cursor not found")
        case .cursorBusy: return E("ERROR_CURSOR_BUSY", 409, "cursor is busy")
        case .transactionInternal: return E("ERROR_TRANSACTION_INTERNAL", 500, "internal transaction error")
        case .transactionNested: return E("ERROR_TRANSACTION_NESTED", 400, "nested transactions detected")
        case .transactionUnregisteredCollection:
            return E("ERROR_TRANSACTION_UNREGISTERED_COLLECTION", 400, "unregistered collection used in transaction")
        case .transactionDisallowedOperation:
            return E("ERROR_TRANSACTION_DISALLOWED_OPERATION", 400, "disallowed operation inside transaction")
        case .transactionAborted: return E("ERROR_TRANSACTION_ABORTED", 410, "transaction aborted")
        case .transactionNotFound: return E("ERROR_TRANSACTION_NOT_FOUND", 404, "transaction not found")

        case .userInvalidName: return E("ERROR_USER_INVALID_NAME", 400, "invalid user name")
        case .userInvalidPassword: return E("ERROR_USER_INVALID_PASSWORD", 400, "invalid password")
        case .userDuplicate: return E("ERROR_USER_DUPLICATE", 409, "duplicate user")
        case .userNotFound: return E("ERROR_USER_NOT_FOUND", 404, "user not found")
        case .userChangePassword: return E("ERROR_USER_CHANGE_PASSWORD", 403, "user must change his password")
        case .userExternal: return E("ERROR_USER_EXTERNAL", 403, "user is external")

        case .graphInvalidGraph: return E("ERROR_GRAPH_INVALID_GRAPH", 400, "invalid graph")
        case .graphCouldNotCreateGraph: return E("ERROR_GRAPH_COULD_NOT_CREATE_GRAPH", 400, "could not create graph")
        case .graphInvalidVertex: return E("ERROR_GRAPH_INVALID_VERTEX", 400, "invalid vertex")
        case .graphCouldNotCreateVertex: return E("ERROR_GRAPH_COULD_NOT_CREATE_VERTEX", 400, "could not create vertex")
        case .graphCouldNotChangeVertex: return E("ERROR_GRAPH_COULD_NOT_CHANGE_VERTEX", 400, "could not change vertex")
        case .graphInvalidEdge: return E("ERROR_GRAPH_INVALID_EDGE", 400, "invalid edge")
        case .graphCouldNotCreateEdge: return E("ERROR_GRAPH_COULD_NOT_CREATE_EDGE", 400, "could not create edge")
        case .graphCouldNotChangeEdge: return E("ERROR_GRAPH_COULD_NOT_CHANGE_EDGE", 400, "could not change edge")
        case .graphTooManyIterations:
            return E("ERROR_GRAPH_TOO_MANY_ITERATIONS", 400,
                     "too many iterations - try increasing the value of 'maxIterations'")
        case .graphInvalidFilterResult: return E("ERROR_GRAPH_INVALID_FILTER_RESULT", 400, "invalid filter result")
        case .graphCollectionMultiUse:
            return E("ERROR_GRAPH_COLLECTION_MULTI_USE", 400, "multi use of edge collection in edge def")
        case .graphCollectionUseInMultiGraphs:
            return E("ERROR_GRAPH_COLLECTION_USE_IN_MULTI_GRAPHS", 400, "edge collection already used in edge def")
        case .graphCreateMissingName: return E("ERROR_GRAPH_CREATE_MISSING_NAME", 400, "missing graph name")
        case .graphCreateMalformedEdgeDefinition:
            return E("ERROR_GRAPH_CREATE_MALFORMED_EDGE_DEFINITION", 400, "malformed edge definition")
        case .graphNotFound:
            return E("ERROR_GRAPH_NOT_FOUND", 404, "graph not found", template: "graph '%s' not found")
        case .graphDuplicate: return E("ERROR_GRAPH_DUPLICATE", 409, "graph already exists")
        case .graphVertexCollectionDoesNotExist:
            return E("ERROR_GRAPH_VERTEX_COL_DOES_NOT_EXIST", 404,
                     "vertex collection does not exist or is not part of the graph")
        case .graphWrongCollectionTypeVertex:
            return E("ERROR_GRAPH_WRONG_COLLECTION_TYPE_VERTEX", 400, "collection not a vertex collection")
        case .graphNotInOrphanCollection:
            return E("ERROR_GRAPH_NOT_IN_ORPHAN_COLLECTION", 400, "collection is not in list of orphan collections")
        case .graphCollectionUsedInEdgeDefinition:
            return E("ERROR_GRAPH_COLLECTION_USED_IN_EDGE_DEF", 400, "collection already used in edge def")
        case .graphEdgeCollectionNotUsed:
            return E("ERROR_GRAPH_EDGE_COLLECTION_NOT_USED", 404, "edge collection not used in graph")
        case .graphNoGraphCollection:
            return E("ERROR_GRAPH_NO_GRAPH_COLLECTION", 500, "collection _graphs does not exist")
        case .graphInvalidExampleArrayObjectString:
            return E("ERROR_GRAPH_INVALID_EXAMPLE_ARRAY_OBJECT_STRING", 400,
                     "Invalid example type. Has to be String, Array or Object")
        case .graphInvalidExampleArrayObject:
            return E("ERROR_GRAPH_INVALID_EXAMPLE_ARRAY_OBJECT", 400, "Invalid example type. Has to be Array or Object")
        case .graphInvalidNumberOfArguments:
            return E("ERROR_GRAPH_INVALID_NUMBER_OF_ARGUMENTS", 400, "Invalid number of arguments",
                     template: "Invalid number of arguments. Expected: %s")
        case .graphInvalidParameter: return E("ERROR_GRAPH_INVALID_PARAMETER", 400, "Invalid parameter type.")
        case .graphInvalidId: return E("ERROR_GRAPH_INVALID_ID", 400, "Invalid id")
        case .graphCollectionUsedInOrphans:
            return E("ERROR_GRAPH_COLLECTION_USED_IN_ORPHANS", 400, "collection used in orphans")
        case .graphEdgeCollectionDoesNotExist:
            return E("ERROR_GRAPH_EDGE_COL_DOES_NOT_EXIST", 404,
                     "edge collection does not exist or is not part of the graph")
        case .graphEmpty: return E("ERROR_GRAPH_EMPTY", 400, "empty graph")

        // GDN's numbers and messages, from its recorded responses (pyC8's
        // test cassettes); the names are ours, GDN's page does not list them.
        case .duplicateEmail: return E("ERROR_GDN_DUPLICATE_EMAIL", 409, "duplicate email address")
        case .invalidAPIKeyId: return E("ERROR_GDN_INVALID_APIKEY_ID", 404, "invalid api key id")
        case .invalidAPIKeyIdentifier:
            return E("ERROR_GDN_INVALID_APIKEY_IDENTIFIER", 400,
                     "API key identifier must start with a letter and can only contain alpha-numeric characters")
        }
    }
}
