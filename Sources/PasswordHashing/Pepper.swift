/// A server-side secret key ("pepper", Argon2's secret value K) mixed into every new hash.
///
/// A pepper kept outside the database (in configuration or a key store) means a stolen copy of the
/// database alone cannot be attacked offline. Each pepper has a short identifier that the hash string
/// records (`keyid=`), so peppers can be rotated: new hashes use the current one, older ones still verify
/// with a retired one and are advised for rehash.
public struct Pepper: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The identifier written into hash strings: 1 to 8 bytes of UTF-8.
    public let id: String
    let key: [UInt8]

    /// Creates a pepper.
    ///
    /// - Parameters:
    ///   - id: 1 to 8 bytes of UTF-8, unique among the configured peppers.
    ///   - key: 16 to 1,024 bytes of secret, random material.
    /// - Throws: ``PasswordHashingError`` with code `invalidParameters` when either is out of range.
    public init(id: String, key: [UInt8]) throws {
        guard (1...8).contains(id.utf8.count) else {
            throw PasswordHashingError(.invalidParameters, "a pepper id has 1 to 8 bytes")
        }
        guard (16...1024).contains(key.count) else {
            throw PasswordHashingError(.invalidParameters, "a pepper key has 16 to 1024 bytes")
        }
        self.id = id
        self.key = key
    }

    /// Never shows the key.
    public var description: String { "Pepper(id: \(id))" }
    /// Never shows the key.
    public var debugDescription: String { description }
}
