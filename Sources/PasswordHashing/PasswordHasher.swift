/// Hashes customers' credentials with Argon2id and verifies them against stored hashes.
///
/// New hashes are PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<tag>`) that describe
/// themselves, so that a change of parameters applies to each customer at their next login: ``verify(_:against:)``
/// reports ``PasswordVerification/matchRehashAdvised`` and the caller stores a fresh ``hash(_:)``.
/// Stored scrypt, PBKDF2 and bcrypt hashes (see ``ImportedHash``) verify too.
///
/// **Normalization.** Passwords are normalized with Unicode NFKC before hashing, so the full-width and
/// half-width forms a Japanese input method produces are the same password (`ｐａｓｓ` = `pass`). A hash made
/// elsewhere from the unnormalized text still verifies: when the normalized form does not match and the
/// text as typed differs from it, the text as typed is tried as well, and a match that way advises a rehash.
///
/// **Length.** Passwords are 1 to 1,024 UTF-8 bytes (configurable), before and after normalization; longer
/// input is refused with ``PasswordHashingError/Code/passwordTooLong`` rather than truncated.
///
/// **Threads.** Hashing is deliberately slow; the synchronous methods block the calling thread. From async
/// code use ``hashAsync(_:)`` and ``verifyAsync(_:against:)``, which run on a thread pool instead of
/// Swift's cooperative executor.
public struct PasswordHasher: Sendable {
    /// The configuration in force.
    public let configuration: Configuration

    /// Creates a hasher.
    ///
    /// - Throws: ``PasswordHashingError`` with code `invalidParameters` when the configuration is
    ///   inconsistent (for example parameters outside its own limits, or a pepper id used twice).
    public init(configuration: Configuration = Configuration()) throws {
        try configuration.validate()
        self.configuration = configuration
    }

    /// Hashes `password` with a salt from the system's secure random source.
    public func hash(_ password: String) throws -> String {
        var generator = SystemRandomNumberGenerator()
        return try hash(password, saltFrom: &generator)
    }

    /// Hashes `password` with a salt drawn from `generator`.
    ///
    /// Only tests should pass anything but a cryptographically secure generator.
    public func hash(_ password: String, saltFrom generator: inout some RandomNumberGenerator) throws -> String {
        var bytes = try PasswordNormalization.normalizedBytes(password, maximumBytes: configuration.maximumPasswordBytes)
        defer { wipe(&bytes) }
        let salt = (0..<configuration.saltLength).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let tag = try Argon2.hash(password: bytes, salt: salt, secret: configuration.pepper?.key ?? [],
                                  parameters: configuration.parameters)
        return Argon2HashString(variant: configuration.variant, memoryKiB: configuration.memoryKiB,
                                iterations: configuration.iterations, parallelism: configuration.parallelism,
                                pepperID: configuration.pepper?.id, salt: salt, tag: tag).encoded
    }

    /// Checks `password` against a stored hash (Argon2 PHC string or an ``ImportedHash`` format).
    ///
    /// - Returns: the verdict; a wrong password is ``PasswordVerification/mismatch``, not an error.
    /// - Throws: ``PasswordHashingError`` when the stored hash is malformed, unsupported or beyond the limits,
    ///   names an unknown pepper, or the password is empty or too long.
    public func verify(_ password: String, against storedHash: String) throws -> PasswordVerification {
        let stored = try StoredHash(parsing: storedHash, limits: configuration.limits)
        var normalized = try PasswordNormalization.normalizedBytes(password, maximumBytes: configuration.maximumPasswordBytes)
        defer { wipe(&normalized) }
        var raw = try PasswordNormalization.rawBytes(password, maximumBytes: configuration.maximumPasswordBytes)
        defer { wipe(&raw) }

        if try matches(normalized, stored) {
            return isCurrent(stored) ? .match : .matchRehashAdvised
        }
        if raw != normalized, try matches(raw, stored) {
            return .matchRehashAdvised
        }
        return .mismatch
    }

    /// Whether a stored hash would be advised for rehash on its next successful verification.
    ///
    /// Lets an operator count outdated hashes without any password.
    public func needsRehash(_ storedHash: String) throws -> Bool {
        !isCurrent(try StoredHash(parsing: storedHash, limits: configuration.limits))
    }

    private func matches(_ password: [UInt8], _ stored: StoredHash) throws -> Bool {
        switch stored {
        case let .argon2(hash):
            var secret: [UInt8] = []
            if let id = hash.pepperID {
                guard let pepper = ([configuration.pepper].compactMap { $0 } + configuration.retiredPeppers)
                    .first(where: { $0.id == id }) else {
                    throw PasswordHashingError(.unknownPepper, "the hash needs pepper '\(id)', which is not configured")
                }
                secret = pepper.key
            }
            var tag = try Argon2.hash(password: password, salt: hash.salt, secret: secret, parameters: hash.parameters)
            defer { wipe(&tag) }
            return constantTimeEquals(tag, hash.tag)
        case let .imported(imported):
            return try imported.matches(password)
        }
    }

    private func isCurrent(_ stored: StoredHash) -> Bool {
        guard case let .argon2(hash) = stored else { return false }
        return hash.variant == configuration.variant && hash.memoryKiB == configuration.memoryKiB
            && hash.iterations == configuration.iterations && hash.parallelism == configuration.parallelism
            && hash.tag.count == configuration.tagLength && hash.salt.count >= configuration.saltLength
            && hash.pepperID == configuration.pepper?.id
    }
}

/// A parsed stored hash of any supported kind.
enum StoredHash: Sendable {
    case argon2(Argon2HashString)
    case imported(ImportedHash)

    init(parsing text: String, limits: HashLimits) throws {
        if text.hasPrefix("$argon2") {
            self = .argon2(try Argon2HashString(parsing: text, limits: limits))
        } else if let imported = try ImportedHash(parsing: text, limits: limits) {
            self = .imported(imported)
        } else {
            guard text.utf8.count <= limits.maximumHashLength else {
                throw PasswordHashingError(.malformedHash, "hash longer than \(limits.maximumHashLength) bytes")
            }
            throw PasswordHashingError(.unsupportedAlgorithm, "not a hash format Moat verifies (argon2, scrypt, pbkdf2, bcrypt)")
        }
    }
}
