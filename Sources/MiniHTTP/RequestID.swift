/// `X-Request-ID` handling: keep a sane client id, otherwise generate one.
enum RequestID {
    /// Longest accepted client id.
    static let maxLength = 128

    /// Generates ids from a per-connection xoshiro256** stream seeded by the system generator, so an id costs
    /// no system call. The ids need to be unique, not unpredictable.
    struct Generator {
        private var state: (UInt64, UInt64, UInt64, UInt64)

        /// A generator with a fresh random seed.
        init() {
            var system = SystemRandomNumberGenerator()
            state = (system.next(), system.next(), system.next(), system.next() | 1)
        }

        /// The client's id if it is 1…128 characters of `[A-Za-z0-9._:-]`, else a fresh random id.
        mutating func resolve(_ clientValue: String?) -> String {
            if let clientValue, isValid(clientValue) { return clientValue }
            return RequestID.format(next(), next())
        }

        private mutating func next() -> UInt64 {
            let result = (state.1 &* 5).rotatedLeft(by: 7) &* 9
            let t = state.1 << 17
            state.2 ^= state.0
            state.3 ^= state.1
            state.1 ^= state.2
            state.0 ^= state.3
            state.2 ^= t
            state.3 = state.3.rotatedLeft(by: 45)
            return result
        }
    }

    /// Whether a client id is acceptable.
    static func isValid(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.count <= maxLength
            && value.utf8.allSatisfy { byte in
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

    /// 32 lowercase hex digits: `high` then `low`, zero-padded.
    static func format(_ high: UInt64, _ low: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 32) { buffer in
            for index in 0..<16 {
                buffer[index] = digits[Int((high >> (60 - 4 * UInt64(index))) & 0xf)]
                buffer[16 + index] = digits[Int((low >> (60 - 4 * UInt64(index))) & 0xf)]
            }
            return 32
        }
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(by count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
