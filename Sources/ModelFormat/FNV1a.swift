import Foundation

/// The 64-bit FNV-1a hash, used to tie model.json to the exact weights file saved with it.
public enum FNV1a {
    /// The hash of `data` as 16 lower-case hex digits.
    public static func hash64(_ data: Data) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
