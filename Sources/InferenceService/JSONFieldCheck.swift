import APIModels
import Foundation

/// Checks a JSON request body against the fields its `Decodable` type reads, and names the allowed values of an
/// enumeration: the strict half of ``JSONRequestBody``.
///
/// The check replays the type's own `init(from:)` on a decoder over the parsed document that records, for every
/// JSON object, which keys the type asked for (decoded, tested with `contains`, or listed with `allKeys`). Keys
/// nobody asked for are unknown fields. So every request type — and every type added later — is covered without a
/// list of its fields: the `CodingKeys` its decoding uses are the list.
enum JSONFieldCheck {
    /// A problem the replay found.
    enum Finding: Equatable {
        /// `key` at the object `path` was never read; `known` are the keys the type reads there, in reading order.
        case unknownField(path: String, key: String, known: [String])
        /// The string at `path` is not one of an enumeration's `allowed` raw values.
        case notAllowed(path: String, allowed: [String])
    }

    /// The first unknown field (objects and keys in lexicographic order) or disallowed enumeration value in `document`
    /// read as `T`; nil when there is none, or when `T` cannot be read from it (the caller reports that error).
    static func check<T: Decodable>(_ type: T.Type, in document: JSONTree) -> Finding? {
        let recorder = KeyRecorder()
        do {
            _ = try TreeDecoder(tree: document, codingPath: [], recorder: recorder).decode(T.self)
        } catch let finding as FindingError {
            return finding.finding
        } catch {
            return nil
        }
        return recorder.firstUnknownField()
    }

    /// The message and field of a finding: `unknown field mr_point; did you mean mr_points?` (or the list of known
    /// fields when none is close), `include must be one of full, scalars`.
    static func problem(for finding: Finding) -> APIProblem {
        switch finding {
        case let .unknownField(path, key, known):
            let field = path.isEmpty ? key : path + "." + key
            let hint: String
            if let nearest = nearest(to: key, among: known) {
                hint = "did you mean \(path.isEmpty ? nearest : path + "." + nearest)?"
            } else {
                hint = known.isEmpty ? "no fields are allowed here" : "known fields: " + known.joined(separator: ", ")
            }
            return APIProblem(status: 422, code: "unknown_field", message: "unknown field \(field); \(hint)", field: field)
        case let .notAllowed(path, allowed):
            return APIProblem(
                status: 422, code: "invalid_value",
                message: "\(path) must be one of \(allowed.joined(separator: ", "))", field: path)
        }
    }

    /// The known key closest to `key` in edit distance (case-insensitive), if it is close: at most 2 edits, or a
    /// third of the key's length for long keys.
    static func nearest(to key: String, among known: [String]) -> String? {
        let scored = known.map { ($0, editDistance(Array(key.lowercased()), Array($0.lowercased()))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, key.count / 3) ? best.0 : nil
    }

    /// Levenshtein distance.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// A parsed JSON document.
indirect enum JSONTree: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    /// The document in `data`, or nil when it cannot be read. Meant for bodies JSONDecoder has parsed (it checks the
    /// syntax; this reader is lenient about number spellings). A reader of its own: converting JSONSerialization's
    /// Foundation objects into a tree took several times as long as JSONDecoder's whole parse.
    static func parse(_ data: Data) -> JSONTree? {
        var reader = JSONReader(bytes: [UInt8](data))
        guard let tree = reader.value(depth: 0) else { return nil }
        reader.skipWhitespace()
        return reader.index == reader.bytes.count ? tree : nil
    }
}

/// A recursive-descent JSON reader over UTF-8 bytes.
private struct JSONReader {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Consumes `byte` if it comes next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Consumes `literal` if it comes next.
    mutating func take(_ literal: String) -> Bool {
        let count = literal.utf8.count
        guard bytes.count - index >= count, bytes[index..<index + count].elementsEqual(literal.utf8) else { return false }
        index += count
        return true
    }

    mutating func value(depth: Int) -> JSONTree? {
        skipWhitespace()
        guard index < bytes.count, depth <= 512 else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "\""): return string().map(JSONTree.string)
        case UInt8(ascii: "t"): return take("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return take("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return take("null") ? .null : nil
        default: return number()
        }
    }

    mutating func object(depth: Int) -> JSONTree? {
        index += 1
        var members: [String: JSONTree] = [:]
        skipWhitespace()
        if take(UInt8(ascii: "}")) { return .object(members) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else { return nil }
            skipWhitespace()
            guard take(UInt8(ascii: ":")), let member = value(depth: depth + 1) else { return nil }
            members[key] = member
            skipWhitespace()
            if take(UInt8(ascii: "}")) { return .object(members) }
            guard take(UInt8(ascii: ",")) else { return nil }
        }
    }

    mutating func array(depth: Int) -> JSONTree? {
        index += 1
        var elements: [JSONTree] = []
        skipWhitespace()
        if take(UInt8(ascii: "]")) { return .array(elements) }
        while true {
            guard let element = value(depth: depth + 1) else { return nil }
            elements.append(element)
            skipWhitespace()
            if take(UInt8(ascii: "]")) { return .array(elements) }
            guard take(UInt8(ascii: ",")) else { return nil }
        }
    }

    /// A string starting at the opening quote, with its escapes resolved.
    mutating func string() -> String? {
        index += 1
        var utf8: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    let afterHigh = index
                    if (0xD800..<0xDC00).contains(scalar) {
                        if take("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            index = afterHigh  // a lone high surrogate: U+FFFD, and the next escape read on its own
                        }
                    }
                    utf8 += Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
                default: return nil
                }
            case 0..<0x20:
                return nil
            default:
                utf8.append(byte)
            }
        }
        return nil
    }

    mutating func hex4() -> UInt32? {
        guard bytes.count - index >= 4, let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { return nil }
        index += 4
        return value
    }

    mutating func number() -> JSONTree? {
        let start = index
        scan: while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                UInt8(ascii: "e"), UInt8(ascii: "E"):
                index += 1
            default:
                break scan
            }
        }
        guard index > start, let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else { return nil }
        return .number(value)
    }
}

extension JSONTree {
    /// The value at `codingPath` (object keys and array indices), or nil when there is none.
    func value(at codingPath: [any CodingKey]) -> JSONTree? {
        var node = self
        for key in codingPath {
            switch node {
            case .object(let object):
                guard let next = object[key.stringValue] else { return nil }
                node = next
            case .array(let array):
                guard let index = key.intValue, array.indices.contains(index) else { return nil }
                node = array[index]
            default:
                return nil
            }
        }
        return node
    }
}

/// Carries a ``JSONFieldCheck/Finding`` out of the replayed `init(from:)`.
private struct FindingError: Error {
    var finding: JSONFieldCheck.Finding
}

/// The keys each JSON object holds and the keys the decoded type asked for there.
private final class KeyRecorder {
    private var present: [String: Set<String>] = [:]
    private var asked: [String: [String]] = [:]

    func opened(_ path: String, keys: some Sequence<String>) {
        present[path, default: []].formUnion(keys)
    }

    func asked(_ key: String, at path: String) {
        if !(asked[path]?.contains(key) ?? false) { asked[path, default: []].append(key) }
    }

    func firstUnknownField() -> JSONFieldCheck.Finding? {
        for path in present.keys.sorted() {
            let known = asked[path] ?? []
            if let key = present[path]!.subtracting(known).sorted().first {
                return .unknownField(path: path, key: key, known: known)
            }
        }
        return nil
    }
}

/// The raw values of a `String` enumeration, or nil for any other type.
private func allowedValues<T>(of type: T.Type) -> [String]? {
    guard let enumeration = type as? any (CaseIterable & RawRepresentable).Type else { return nil }
    return rawValues(enumeration)
}

private func rawValues<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> [String]? {
    E.RawValue.self == String.self ? E.allCases.map { "\($0.rawValue)" } : nil
}

/// A `Decoder` over a ``JSONTree`` that records the keys asked for.
private struct TreeDecoder: Decoder {
    let tree: JSONTree
    let codingPath: [any CodingKey]
    let recorder: KeyRecorder
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// `codingPath` as text (`points[3].z`); built only where needed (objects, findings), not for every value.
    var path: String {
        codingPath.reduce(into: "") { text, key in
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
    }

    /// Decodes `T` here, first checking an enumeration's value against its cases. Arrays of numbers, which hold
    /// no keys, are read directly rather than element by element.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if case .string(let value) = tree, let allowed = allowedValues(of: T.self), !allowed.contains(value) {
            throw FindingError(finding: .notAllowed(path: path, allowed: allowed))
        }
        if T.self == [Double].self, case .array(let elements) = tree {
            let numbers = elements.compactMap { element -> Double? in
                if case .number(let number) = element { return number }
                return nil
            }
            if numbers.count == elements.count, let numbers = numbers as? T { return numbers }
        }
        return try T(from: self)
    }

    func child(_ tree: JSONTree, _ key: any CodingKey) -> TreeDecoder {
        TreeDecoder(tree: tree, codingPath: codingPath + [key], recorder: recorder)
    }

    func mismatch(_ expected: Any.Type) -> DecodingError {
        DecodingError.typeMismatch(expected, .init(codingPath: codingPath, debugDescription: "not \(expected)"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = tree else { throw mismatch([String: Any].self) }
        let path = path
        recorder.opened(path, keys: object.keys)
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, object: object, path: path))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let array) = tree else { throw mismatch([Any].self) }
        return UnkeyedContainer(decoder: self, array: array)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleValue(decoder: self) }
}

private struct ArrayIndex: CodingKey {
    var intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: TreeDecoder
    let object: [String: JSONTree]
    /// The object's path, for the recorder.
    let path: String
    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        object.keys.compactMap { name in
            Key(stringValue: name).map { key in
                decoder.recorder.asked(name, at: path)
                return key
            }
        }
    }

    func value(_ key: Key) throws -> JSONTree {
        decoder.recorder.asked(key.stringValue, at: path)
        guard let value = object[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "absent"))
        }
        return value
    }

    func contains(_ key: Key) -> Bool {
        decoder.recorder.asked(key.stringValue, at: path)
        return object[key.stringValue] != nil
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        if case .null = try value(key) { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.child(try value(key), key).decode(T.self)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try decoder.child(try value(key), key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.child(try value(key), key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }

    func superDecoder(forKey key: Key) throws -> any Decoder { decoder.child(try value(key), key) }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: TreeDecoder
    let array: [JSONTree]
    var currentIndex = 0
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { array.count }
    var isAtEnd: Bool { currentIndex >= array.count }

    /// The next element's decoder; the index advances only when decoding it succeeds (as JSONDecoder does).
    func next() throws -> TreeDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "at end"))
        }
        return decoder.child(array[currentIndex], ArrayIndex(intValue: currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard case .null = try next().tree else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try next().decode(T.self)
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let container = try next().container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try next().unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let element = try next()
        currentIndex += 1
        return element
    }
}

/// Leaf values; lenient where JSONDecoder has already checked the document (this replay only looks at keys).
private struct SingleValue: SingleValueDecodingContainer {
    let decoder: TreeDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool {
        if case .null = decoder.tree { return true }
        return false
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let value) = decoder.tree else { throw decoder.mismatch(type) }
        return value
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let value) = decoder.tree else { throw decoder.mismatch(type) }
        return value
    }

    func number() throws -> Double {
        guard case .number(let value) = decoder.tree else { throw decoder.mismatch(Double.self) }
        return value
    }

    /// An integer; one beyond the type's range (JSONDecoder read it exactly, this tree as a Double) saturates.
    func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        let value = try number()
        guard value.rounded() == value else { throw decoder.mismatch(type) }
        return I(exactly: value) ?? (value < 0 ? .min : .max)
    }

    func decode(_ type: Double.Type) throws -> Double { try number() }
    func decode(_ type: Float.Type) throws -> Float { Float(try number()) }
    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decode(T.self) }
}
