/// `X-Request-ID` handling: keep a sane client id, otherwise generate one.
enum RequestID {
    /// Longest accepted client id.
    static let maxLength = 128

    /// The client's id if it is 1…128 characters of `[A-Za-z0-9._:-]`, else a fresh random id.
    static func resolve(_ clientValue: String?) -> String {
        if let clientValue, isValid(clientValue) { return clientValue }
        return generate()
    }

    static func isValid(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.count <= maxLength && value.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: ":"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }

    /// 32 random hex digits.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = String(generator.next() as UInt64, radix: 16)
        let low = String(generator.next() as UInt64, radix: 16)
        return String(repeating: "0", count: 16 - high.count) + high + String(repeating: "0", count: 16 - low.count) + low
    }
}
