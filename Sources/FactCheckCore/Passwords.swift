import Foundation

extension Validate {
    /// The shortest and longest password the desk accepts, in characters as typed.
    public static let passwordLength = 12...128
    /// bcrypt reads at most 72 bytes; a longer password would be cut silently, so it is refused.
    public static let passwordMaxBytes = 72

    /// A password as typed, checked exactly (never trimmed, never truncated): 12 to 128
    /// characters, at most 72 bytes of UTF-8 (what bcrypt reads), not one of the commonly used
    /// passwords, not the handle, and not one character or a keyboard run repeated.
    public static func password(_ password: String, handle: String? = nil, field: String = "password") throws(DomainError) -> String {
        let count = password.count
        guard count >= passwordLength.lowerBound else {
            throw .invalid(field: field, reason: "must be at least \(passwordLength.lowerBound) characters (it has \(count))")
        }
        guard count <= passwordLength.upperBound else {
            throw .invalid(field: field, reason: "must be at most \(passwordLength.upperBound) characters (it has \(count))")
        }
        guard password.utf8.count <= passwordMaxBytes else {
            throw .invalid(field: field, reason: "is \(password.utf8.count) bytes long in UTF-8; at most \(passwordMaxBytes) are used, "
                + "so use fewer or plainer characters rather than have the rest ignored")
        }
        guard !password.unicodeScalars.contains(where: { $0 == "\0" || isControl($0) }) else {
            throw .invalid(field: field, reason: "must not contain control characters or line breaks")
        }
        let folded = password.lowercased()
        if let handle, folded.contains(handle.lowercased()), handle.count >= 3 {
            throw .invalid(field: field, reason: "must not contain the user's handle")
        }
        if Set(folded).count <= 2 || CommonPasswords.isCommon(folded) {
            throw .invalid(field: field, reason: "is a commonly used password; choose a longer phrase of unrelated words")
        }
        return password
    }
}

/// Passwords seen again and again in published breach lists, at 12 characters or more, and the
/// patterns they are made of (a word or keyboard run repeated, a year or digits appended).
enum CommonPasswords {
    static let list: Set<String> = [
        "123456789012", "1234567890123", "12345678901234", "123456789123", "1234567891011",
        "111111111111", "000000000000", "123123123123", "121212121212", "123412341234",
        "qwertyuiopas", "qwertyuiop12", "qwertyuiop123", "qwertyqwerty", "qwerty123456", "1q2w3e4r5t6y",
        "1qaz2wsx3edc", "zaq12wsxcde3", "asdfghjkl123", "asdfasdfasdf", "zxcvbnm12345", "qazwsxedcrfv",
        "password1234", "password12345", "password123456", "passwordpassword", "password1password",
        "mypassword123", "password!234", "p@ssw0rd1234", "p@ssword1234", "passw0rd1234", "password2024",
        "password2025", "password2026", "changeme1234", "changemenow!", "letmein12345", "letmeinplease",
        "iloveyou1234", "iloveyouiloveyou", "welcome12345", "welcome123456", "welcometo2026", "administrator",
        "administrator1", "admin1234567", "adminadmin12", "rootpassword", "superman1234", "batman123456",
        "football1234", "baseball1234", "basketball12", "princess1234", "sunshine1234", "trustno1trustno1",
        "monkey123456", "dragon123456", "master123456", "shadow123456", "michael12345", "jennifer1234",
        "abcdefghijkl", "abcdefgh1234", "abc123abc123", "abcd1234abcd", "abcdefg12345", "aaaaaaaaaaaa",
        "correcthorsebatterystaple", "thequickbrownfox", "loveyouforever", "whatever1234", "starwars1234",
        "pokemon12345", "computer1234", "internet1234", "newsroom1234", "factcheck123", "factcheck1234",
        "journalist12", "editor123456", "reviewer1234", "secret123456", "secretsecret", "nopassword12",
        "11223344556677", "987654321098", "098765432109", "1234qwerasdf", "qwer1234asdf", "samsung12345",
        "1234567890qwerty", "qwerty1234567890", "1q2w3e4r5t6y7u8i", "asdfghjklqwerty", "zxcvbnmasdfghjkl",
    ]

    static func isCommon(_ folded: String) -> Bool {
        if list.contains(folded) { return true }
        // One short piece repeated ("abcabcabcabc", "passpasspass").
        let chars = Array(folded)
        for size in 1...max(1, chars.count / 2) where chars.count % size == 0 {
            let piece = chars[0..<size]
            if stride(from: 0, to: chars.count, by: size).allSatisfy({ chars[$0..<$0 + size] == piece }) { return true }
        }
        return false
    }
}
