import Foundation

extension String {
    /// `trimmingCharacters(in:)` for the whitespace sets, without Foundation's detour through
    /// NSString when there is nothing to trim: the usual case, and the hot one in an import.
    /// Both sets hold only White_Space scalars, so ends that are not White_Space need no work.
    public func trimming(_ set: CharacterSet) -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        guard first.properties.isWhitespace || last.properties.isWhitespace else { return self }
        return trimmingCharacters(in: set)
    }
}
