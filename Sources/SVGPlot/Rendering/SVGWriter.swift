/// Builds indented SVG/XML text. Attribute values and text content are escaped here,
/// so callers pass raw strings.
struct SVGWriter {
    private(set) var output = ""
    private var depth = 0

    /// An attribute list; order is kept so output is deterministic.
    typealias Attributes = [(String, String)]

    mutating func raw(_ line: String) {
        output += line + "\n"
    }

    mutating func open(_ name: String, _ attributes: Attributes = []) {
        line("<\(name)\(Self.format(attributes))>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</\(name)>")
    }

    /// An element without children.
    mutating func empty(_ name: String, _ attributes: Attributes) {
        line("<\(name)\(Self.format(attributes))/>")
    }

    /// An element holding only text.
    mutating func text(_ name: String, _ attributes: Attributes, _ content: String) {
        line("<\(name)\(Self.format(attributes))>\(escapeXML(content))</\(name)>")
    }

    private mutating func line(_ text: String) {
        output += String(repeating: "  ", count: depth) + text + "\n"
    }

    private static func format(_ attributes: Attributes) -> String {
        attributes.map { " \($0.0)=\"\(escapeXML($0.1))\"" }.joined()
    }
}

/// Escapes `& < > " '` and drops characters that XML 1.0 forbids (most C0 controls,
/// U+FFFE, U+FFFF), so any input string yields well-formed output.
func escapeXML(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&apos;"
        case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
        default:
            if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
            result.unicodeScalars.append(scalar)
        }
    }
    return result
}
