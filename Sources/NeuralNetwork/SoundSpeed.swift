import Foundation

/// The decoder's sound-speed head: raw outputs `a` map to ln c_s² = −softplus(a),
/// so 0 < c_s² < 1 by construction.
public enum SoundSpeedHead {
    /// ln c_s² = −softplus(a) = −(max(a, 0) + ln(1 + e^(−|a|))), stable for any finite `a`.
    public static func logSoundSpeedSquared(fromRawOutput a: Double) -> Double {
        -(max(a, 0) + log1p(exp(-abs(a))))
    }

    /// c_s² = e^(−softplus(a)) = 1/(1 + e^a), computed without overflow.
    ///
    /// The result lies in (0, 1) for |a| below ~709; beyond that it rounds to exactly 0 or 1
    /// in `Double`, never NaN.
    public static func soundSpeedSquared(fromRawOutput a: Double) -> Double {
        if a >= 0 {
            let e = exp(-a)
            return e / (1 + e)
        }
        return 1 / (1 + exp(a))
    }
}
