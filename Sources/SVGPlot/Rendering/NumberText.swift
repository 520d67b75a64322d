import Foundation

/// Locale-independent number formatting for coordinates and labels.
enum NumberText {
    /// A pixel coordinate: at most two decimals, trailing zeros removed, clamped to ±10⁶.
    static func coordinate(_ value: Double) -> String {
        trimmed(fixed(min(max(value, -1e6), 1e6), decimals: 2))
    }

    /// Exactly `decimals` digits after the point ("-0.00" is written "0.00").
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        let scaled = (abs(value) * pow(10, Double(decimals))).rounded()
        guard scaled < 9e15 else { return scientific(value, significantDigits: 3) }
        var digits = String(UInt64(scaled))
        if decimals > 0 {
            if digits.count <= decimals {
                digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return (value < 0 && scaled != 0 ? "-" : "") + digits
    }

    /// `digits` significant digits; scientific form outside [10⁻³, 10⁵).
    /// With `trimZeros` trailing zeros after the point are dropped ("0.052" instead of "0.0520").
    static func significant(_ value: Double, digits: Int, trimZeros: Bool = true) -> String {
        guard value.isFinite else { return "–" }
        guard value != 0 else { return "0" }
        let exponent = Int(log10(abs(value)).rounded(.down))
        guard exponent >= -3, exponent < 5 else { return scientific(value, significantDigits: digits) }
        let text = fixed(value, decimals: max(0, digits - 1 - exponent))
        return trimZeros ? trimmed(text) : text
    }

    /// "m×10ᵏ" with the mantissa trimmed of trailing zeros; "10ᵏ" when the mantissa is 1.
    static func scientific(_ value: Double, significantDigits: Int) -> String {
        guard value.isFinite else { return "–" }
        guard value != 0 else { return "0" }
        var exponent = Int(log10(abs(value)).rounded(.down))
        var mantissa = trimmed(fixed(value / Ticks.decade(exponent), decimals: max(0, significantDigits - 1)))
        if mantissa == "10" || mantissa == "-10" {
            exponent += 1
            mantissa = value < 0 ? "-1" : "1"
        }
        let power = "10" + superscript(exponent)
        switch mantissa {
        case "1": return power
        case "-1": return "-" + power
        default: return mantissa + "×" + power
        }
    }

    /// An integer in Unicode superscript digits, e.g. -3 → "⁻³".
    static func superscript(_ value: Int) -> String {
        let digits: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴",
            "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
        ]
        return String(String(value).map { digits[$0] ?? $0 })
    }

    /// Labels for linear ticks spaced by `step`: enough decimals for the step, or
    /// scientific form when the values are very large or very small.
    static func linearTickLabels(_ ticks: [Double], step: Double) -> [String] {
        let largest = ticks.map(abs).max() ?? 0
        if largest >= 1e5 || (largest > 0 && largest < 1e-3) {
            let digits = max(1, Int(log10(largest / step).rounded(.down)) + 1)
            return ticks.map { $0 == 0 ? "0" : scientific($0, significantDigits: digits) }
        }
        let decimals = max(0, -Int((log10(step) + 1e-9).rounded(.down)))
        return ticks.map { fixed($0, decimals: decimals) }
    }

    /// Labels for log ticks: "10ᵏ" when every tick is a decade, plain numbers otherwise.
    static func logTickLabels(_ ticks: [Double]) -> [String] {
        let exponents = ticks.map { log10($0).rounded() }
        let allDecades = zip(ticks, exponents).allSatisfy { abs($0 / Ticks.decade(Int($1)) - 1) < 1e-9 }
        if allDecades {
            return exponents.map { "10" + superscript(Int($0)) }
        }
        return ticks.map { significant($0, digits: 3) }
    }

    /// A number in the given style.
    static func format(_ value: Double, style: NumberStyle) -> String {
        switch style {
        case .fixed(let decimals): fixed(value, decimals: max(0, decimals))
        case .significant(let digits): significant(value, digits: max(1, digits), trimZeros: false)
        }
    }

    private static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var result = Substring(text)
        while result.last == "0" { result.removeLast() }
        if result.last == "." { result.removeLast() }
        return result == "-0" ? "0" : String(result)
    }
}
