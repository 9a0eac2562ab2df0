import PasswordHashing

/// The form of a user ID that is compared: NFKC (full-width and half-width alike), then lowercased.
///
/// `ＴａｒｏＹａｍａｄａ`, `TaroYamada` and `taroyamada` are one user ID, so nobody can register a look-alike of
/// an existing customer's login name, and a customer typing with a Japanese input method still logs in.
public enum UserKey {
    /// Longest user ID, in characters after normalization.
    public static let maximumLength = 64

    /// The comparison key of `userID`, or nil when it cannot be a user ID (empty, too long, or containing
    /// spaces or control characters).
    public static func make(_ userID: String) -> String? {
        guard userID.utf8.count <= 4 * maximumLength else { return nil }
        let normalized = PasswordNormalization.nfkc(userID)
        guard (1...maximumLength).contains(normalized.count) else { return nil }
        for scalar in normalized.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse, .surrogate:
                return nil
            default:
                continue
            }
        }
        return normalized.lowercased()
    }
}
