/// An sRGB colour with 8-bit channels, written to SVG as `#rrggbb`.
public struct Color: Sendable, Hashable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Creates a colour from a `0xRRGGBB` literal, e.g. `Color(hex: 0x0072B2)`.
    public init(hex: UInt32) {
        self.init(red: UInt8((hex >> 16) & 0xFF), green: UInt8((hex >> 8) & 0xFF), blue: UInt8(hex & 0xFF))
    }

    /// The `#rrggbb` form used in the SVG output (lower-case hex).
    public var svg: String {
        let digits = Array("0123456789abcdef")
        var text = "#"
        for channel in [red, green, blue] {
            text.append(digits[Int(channel >> 4)])
            text.append(digits[Int(channel & 0x0F)])
        }
        return text
    }

    /// Relative luminance in [0, 1] (Rec. 709 weights on gamma-encoded channels);
    /// used to pick black or white text on a coloured background.
    public var luminance: Double {
        (0.2126 * Double(red) + 0.7152 * Double(green) + 0.0722 * Double(blue)) / 255
    }

    public static let black = Color(hex: 0x000000)
    public static let white = Color(hex: 0xFFFFFF)
    /// Dark grey used for axes and the default reference-line colour.
    public static let darkGray = Color(hex: 0x4D4D4D)
}

/// The Okabe–Ito palette, safe for the common forms of colour-vision deficiency.
/// Series without an explicit colour take the next entry in this order.
public enum Palette {
    public static let blue = Color(hex: 0x0072B2)
    public static let vermillion = Color(hex: 0xD55E00)
    public static let bluishGreen = Color(hex: 0x009E73)
    public static let reddishPurple = Color(hex: 0xCC79A7)
    public static let orange = Color(hex: 0xE69F00)
    public static let skyBlue = Color(hex: 0x56B4E9)
    public static let yellow = Color(hex: 0xF0E442)

    /// Cycle order: strong colours first; yellow (low contrast on white) last.
    public static let cycle: [Color] = [blue, vermillion, bluishGreen, reddishPurple, orange, skyBlue, .black, yellow]

    /// The `index`-th colour of the cycle, wrapping around.
    public static func color(at index: Int) -> Color {
        cycle[((index % cycle.count) + cycle.count) % cycle.count]
    }
}
