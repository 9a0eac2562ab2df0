/// The verdict of checking a password against a stored hash.
public enum PasswordVerification: Sendable, Hashable, CustomStringConvertible {
    /// The password is right and the stored hash is current.
    case match
    /// The password is right, but the stored hash should be replaced by a fresh one from
    /// ``PasswordHasher/hash(_:)``: it is an imported (scrypt, PBKDF2, bcrypt) hash, uses other Argon2
    /// parameters than configured, lacks the current pepper, or was made from the password before normalization.
    case matchRehashAdvised
    /// The password is wrong.
    case mismatch

    /// Whether the password is right (either kind of match).
    public var isMatch: Bool { self != .mismatch }

    public var description: String {
        switch self {
        case .match: "match"
        case .matchRehashAdvised: "match (rehash advised)"
        case .mismatch: "mismatch"
        }
    }
}
