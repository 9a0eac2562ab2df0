/// Argon2id password hashing (RFC 9106) and verification of imported hashes.
public enum PasswordHashingNamespace {}
