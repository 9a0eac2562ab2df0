extension PasswordHasher {
    /// How new hashes are made and which stored hashes are accepted.
    ///
    /// The defaults are OWASP's recommended minimum for Argon2id (19 MiB, 2 passes, 1 lane), which costs
    /// roughly 20–40 ms on one core of a current server: slow for a guesser, fast enough for a login.
    public struct Configuration: Sendable, Hashable {
        /// The variant of new hashes.
        public var variant: Argon2.Variant = .argon2id
        /// Memory of new hashes, in KiB.
        public var memoryKiB: UInt32 = 19_456
        /// Passes of new hashes.
        public var iterations: UInt32 = 2
        /// Lanes of new hashes; more than 1 uses more threads per hash.
        public var parallelism: UInt32 = 1
        /// Salt length of new hashes, in bytes.
        public var saltLength = 16
        /// Tag length of new hashes, in bytes.
        public var tagLength = 32
        /// The pepper mixed into new hashes, if any.
        public var pepper: Pepper?
        /// Earlier peppers, still accepted when verifying hashes that name them.
        public var retiredPeppers: [Pepper] = []
        /// Longest password accepted, in UTF-8 bytes, before and after normalization.
        public var maximumPasswordBytes = 1_024
        /// Bounds on the fields of stored hashes.
        public var limits = HashLimits()

        /// The defaults above.
        public init() {}

        /// The Argon2 parameters of new hashes.
        public var parameters: Argon2.Parameters {
            Argon2.Parameters(variant: variant, memoryKiB: memoryKiB, iterations: iterations,
                              parallelism: parallelism, tagLength: tagLength)
        }

        func validate() throws {
            try Argon2.validate(passwordCount: 0, saltCount: saltLength, secretCount: pepper?.key.count ?? 0,
                                associatedDataCount: 0, parameters: parameters)
            guard limits.argon2Memory.contains(memoryKiB), limits.argon2Iterations.contains(iterations),
                  limits.argon2Parallelism.contains(parallelism), limits.saltLength.contains(saltLength),
                  limits.tagLength.contains(tagLength) else {
                throw PasswordHashingError(.invalidParameters, "the configured parameters lie outside the configured limits, so new hashes would not verify")
            }
            guard (1...65_536).contains(maximumPasswordBytes) else {
                throw PasswordHashingError(.invalidParameters, "maximumPasswordBytes must be 1 to 65536")
            }
            var ids = Set<String>()
            for pepper in [pepper].compactMap({ $0 }) + retiredPeppers {
                guard ids.insert(pepper.id).inserted else {
                    throw PasswordHashingError(.invalidParameters, "pepper id '\(pepper.id)' is configured twice")
                }
            }
        }
    }
}
