import C8Core
import C8Storage

/// The geo index: points on Earth, for `NEAR`, `WITHIN` and distance
/// filters and sorts.
///
/// The document's position comes from one attribute — `[lat, lon]`,
/// `[lon, lat]` with `geoJson`, or a GeoJSON Point — or from two (latitude,
/// longitude). Documents without a valid position (not numbers,
/// |lat| > 90, |lon| > 180) are not indexed. Entry layout after
/// ``KeySpace/indexPrefix(_:)``:
///
/// | key                                        | value                                                 |
/// |--------------------------------------------|-------------------------------------------------------|
/// | Z-order code (8 bytes big-endian), `_key` UTF-8 | latitude, longitude (IEEE doubles, 8 bytes big-endian each), `_key` UTF-8 |
///
/// The value carries the exact coordinates so that distance filtering
/// never reads a document. Lookups scan the code ranges of a
/// ``GeoCovering`` of the search circle and keep the points whose haversine
/// distance (``GeoPoint/distance(to:)``, = `DISTANCE()`) is within range.
public struct GeoIndex: DocumentIndex {
    /// One lookup result: a document and its distance from the center.
    public struct Match: Sendable, Hashable {
        public var key: String
        public var distance: Double

        public init(key: String, distance: Double) {
            self.key = key
            self.distance = distance
        }
    }

    public let definition: IndexDefinition
    private let prefix: [UInt8]

    public init(definition: IndexDefinition) {
        precondition(definition.type == .geo && (1...2).contains(definition.fields.count), "GeoIndex needs a geo definition")
        self.definition = definition
        self.prefix = KeySpace.indexPrefix(definition.objectId)
    }

    /// The position `document` is indexed at, if it has a valid one.
    public func point(of document: JSON) -> GeoPoint? {
        let values = definition.fields.map { $0.values(in: document)?.first ?? .null }
        if values.count == 2 { return GeoPoint(coordinates: values[0], values[1]) }
        return GeoPoint(values[0], geoJsonOrder: definition.geoJson)
    }

    public func entries(for document: JSON, key: String) -> [IndexEntry] {
        guard let point = point(of: document) else { return [] }
        var bytes = prefix
        BigEndian.append(ZOrder.code(latitude: point.latitude, longitude: point.longitude), to: &bytes)
        bytes.append(contentsOf: key.utf8)
        var value: [UInt8] = []
        value.reserveCapacity(16 + key.utf8.count)
        BigEndian.append(point.latitude.bitPattern, to: &value)
        BigEndian.append(point.longitude.bitPattern, to: &value)
        value.append(contentsOf: key.utf8)
        return [IndexEntry(key: bytes, value: value)]
    }

    /// Every indexed document within `radiusMeters` of the center, nearest
    /// first (ties by `_key`). An invalid center (see ``GeoPoint``) or a
    /// negative or NaN radius matches nothing; callers that must report bad
    /// input check with ``GeoPoint/init(latitude:longitude:)`` first.
    public func within(
        latitude: Double, longitude: Double, radiusMeters: Double, in storage: any StorageEngine
    ) -> [Match] {
        guard let center = GeoPoint(latitude: latitude, longitude: longitude), radiusMeters >= 0 else { return [] }
        return scan(center: center, radius: radiusMeters, in: storage)
    }

    /// The `limit` indexed documents nearest to the center, nearest first
    /// (ties by `_key`): searches a growing circle until it holds `limit`
    /// documents or covers the whole Earth. An invalid center matches
    /// nothing.
    public func near(latitude: Double, longitude: Double, limit: Int, in storage: any StorageEngine) -> [Match] {
        guard let center = GeoPoint(latitude: latitude, longitude: longitude), limit > 0 else { return [] }
        var radius = Self.initialNearRadius
        while true {
            let matches = scan(center: center, radius: radius, in: storage)
            // Everything outside the circle is farther than everything in it.
            if matches.count >= limit || radius >= Self.halfCircumference {
                return Array(matches.prefix(limit))
            }
            radius *= 4
        }
    }

    /// Where ``near(latitude:longitude:limit:in:)`` starts looking, in meters.
    static let initialNearRadius = 1_000.0
    /// The farthest any two points can be.
    static let halfCircumference = Double.pi * GeoPoint.earthRadius

    private func scan(center: GeoPoint, radius: Double, in storage: any StorageEngine) -> [Match] {
        let ranges = GeoCovering(center: center, radius: radius).codeRanges.map(keyRange)
        let walker = RangeWalker(storage: storage, ranges: ranges, reverse: false)
        var matches: [Match] = []
        while walker.next() {
            let (point, key) = Self.decodeValue(walker.value)
            let distance = center.distance(to: point)
            if distance <= radius { matches.append(Match(key: key, distance: distance)) }
        }
        return matches.sorted { $0.distance != $1.distance ? $0.distance < $1.distance : $0.key.utf8Compare($1.key) < 0 }
    }

    /// The storage keys of the entries whose codes lie in `codes`.
    private func keyRange(_ codes: ClosedRange<UInt64>) -> KeyRange {
        var start = prefix
        BigEndian.append(codes.lowerBound, to: &start)
        guard codes.upperBound < .max else { return KeyRange(start, KeyRange.successor(ofPrefix: prefix)) }
        var end = prefix
        BigEndian.append(codes.upperBound + 1, to: &end)
        return KeyRange(start, end)
    }

    /// The point and `_key` an entry value holds.
    static func decodeValue(_ value: UnsafeBufferPointer<UInt8>) -> (GeoPoint, String) {
        let latitude = Double(bitPattern: BigEndian.uint64(value, at: 0))
        let longitude = Double(bitPattern: BigEndian.uint64(value, at: 8))
        // Only valid points are ever written.
        let point = GeoPoint(latitude: latitude, longitude: longitude)!
        return (point, String(decoding: UnsafeBufferPointer(rebasing: value[16...]), as: UTF8.self))
    }
}
