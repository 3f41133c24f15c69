/// The two whitespace sets the desk trims by, as Foundation's CharacterSet defines them.
public enum Whitespace: Sendable {
    /// General category Zs, tab, and the zero-width space (U+200B), as Foundation has it.
    case whitespaces
    /// Those, general categories Zl and Zp, U+000A to U+000D, and U+0085 (NEL).
    case whitespacesAndNewlines

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09: return true
        case 0x0A...0x0D, 0x85: return self == .whitespacesAndNewlines
        case 0...0x7F: return false
        case 0x200B: return true
        default:
            switch scalar.properties.generalCategory {
            case .spaceSeparator: return true
            case .lineSeparator, .paragraphSeparator: return self == .whitespacesAndNewlines
            default: return false
            }
        }
    }
}

extension String {
    /// `trimmingCharacters(in:)` for the whitespace sets, in Swift: Foundation's takes a detour
    /// through NSString on Linux that cost more than the rest of an imported row.
    /// Property tests hold the two to the same results.
    public func trimming(_ set: Whitespace) -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !set.contains($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !set.contains($0) })!
        if start == scalars.startIndex && end == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[start...end])
    }
}
