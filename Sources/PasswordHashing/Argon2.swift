/// Argon2 (RFC 9106, version 0x13): the memory-hard function behind every credential hash Moat stores.
///
/// This is the raw function: bytes in, tag out. Most callers want ``PasswordHasher``, which adds
/// salts, PHC strings, Unicode normalization and limits.
public enum Argon2 {
    /// The three variants of RFC 9106 section 3.4.
    public enum Variant: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// Data-dependent addressing: fastest, but leaks timing; never for passwords on a shared host.
        case argon2d
        /// Data-independent addressing: resists side channels, weaker against trade-off attacks.
        case argon2i
        /// The hybrid RFC 9106 recommends: `argon2i` for the first half pass, `argon2d` after.
        case argon2id

        /// The type number `y` that goes into `H0` and the address blocks.
        var typeCode: UInt32 {
            switch self {
            case .argon2d: 0
            case .argon2i: 1
            case .argon2id: 2
            }
        }

        public var description: String { rawValue }
    }

    /// The version this implementation computes (0x13 = 19). Version 0x10 is not supported.
    public static let version: UInt32 = 0x13

    /// Cost and output parameters of one Argon2 computation.
    public struct Parameters: Sendable, Hashable {
        /// Which of the three variants.
        public var variant: Variant
        /// Memory size `m` in KiB; at least `8 * parallelism`.
        public var memoryKiB: UInt32
        /// Number of passes `t`; at least 1.
        public var iterations: UInt32
        /// Number of lanes `p`, 1 to 2^24-1; lanes are filled on separate threads.
        public var parallelism: UInt32
        /// Tag length `T` in bytes; at least 4.
        public var tagLength: Int

        /// Creates parameters; ``Argon2/hash(password:salt:secret:associatedData:parameters:)`` checks their ranges.
        public init(variant: Variant, memoryKiB: UInt32, iterations: UInt32, parallelism: UInt32, tagLength: Int) {
            self.variant = variant
            self.memoryKiB = memoryKiB
            self.iterations = iterations
            self.parallelism = parallelism
            self.tagLength = tagLength
        }
    }

    /// Smallest salt the reference implementation accepts; RFC 9106 recommends 16 bytes.
    public static let minimumSaltLength = 8
    /// Largest tag this implementation produces (RFC 9106 allows up to 2^32-1 bytes).
    public static let maximumTagLength = 1 << 16
    /// Largest number of lanes (RFC 9106: 2^24-1).
    public static let maximumParallelism: UInt32 = (1 << 24) - 1

    /// Computes the Argon2 tag of RFC 9106 section 3.
    ///
    /// - Parameters:
    ///   - password: the message `P`, as bytes (no normalization happens here).
    ///   - salt: the nonce `S`, at least 8 bytes.
    ///   - secret: the optional secret value `K` (a server-side "pepper").
    ///   - associatedData: the optional associated data `X`.
    ///   - parameters: variant, memory, passes, lanes and tag length.
    /// - Throws: ``PasswordHashingError`` with code `invalidParameters` when a value is out of range,
    ///   `memoryUnavailable` when the memory cannot be allocated.
    public static func hash(
        password: [UInt8],
        salt: [UInt8],
        secret: [UInt8] = [],
        associatedData: [UInt8] = [],
        parameters: Parameters
    ) throws -> [UInt8] {
        try validate(passwordCount: password.count, saltCount: salt.count, secretCount: secret.count,
                     associatedDataCount: associatedData.count, parameters: parameters)
        var h0 = preHash(password: password, salt: salt, secret: secret, associatedData: associatedData,
                         parameters: parameters)
        defer { wipe(&h0) }
        return try Argon2Instance.run(h0: h0, parameters: parameters)
    }

    static func validate(passwordCount: Int, saltCount: Int, secretCount: Int, associatedDataCount: Int,
                         parameters p: Parameters) throws {
        let maxLength = Int(UInt32.max)
        guard passwordCount <= maxLength else { throw PasswordHashingError(.invalidParameters, "password longer than 2^32-1 bytes") }
        guard saltCount >= minimumSaltLength else { throw PasswordHashingError(.invalidParameters, "salt shorter than \(minimumSaltLength) bytes") }
        guard saltCount <= maxLength, secretCount <= maxLength, associatedDataCount <= maxLength else {
            throw PasswordHashingError(.invalidParameters, "salt, secret or associated data longer than 2^32-1 bytes")
        }
        guard p.parallelism >= 1, p.parallelism <= maximumParallelism else {
            throw PasswordHashingError(.invalidParameters, "parallelism must be 1 to \(maximumParallelism)")
        }
        guard p.iterations >= 1 else { throw PasswordHashingError(.invalidParameters, "iterations must be at least 1") }
        guard UInt64(p.memoryKiB) >= 8 * UInt64(p.parallelism) else {
            throw PasswordHashingError(.invalidParameters, "memory must be at least 8 KiB per lane")
        }
        guard p.tagLength >= 4, p.tagLength <= maximumTagLength else {
            throw PasswordHashingError(.invalidParameters, "tag length must be 4 to \(maximumTagLength) bytes")
        }
    }

    /// `H0` of RFC 9106 section 3.2, step 1.
    static func preHash(password: [UInt8], salt: [UInt8], secret: [UInt8], associatedData: [UInt8],
                        parameters p: Parameters) -> [UInt8] {
        var b = BLAKE2b(digestLength: 64)
        b.update(le32: p.parallelism)
        b.update(le32: UInt32(p.tagLength))
        b.update(le32: p.memoryKiB)
        b.update(le32: p.iterations)
        b.update(le32: version)
        b.update(le32: p.variant.typeCode)
        for field in [password, salt, secret, associatedData] {
            b.update(le32: UInt32(field.count))
            b.update(field)
        }
        return b.finalize()
    }

    /// The variable-length hash `H'` of RFC 9106 section 3.3.
    static func variableLengthHash(_ input: [UInt8], length: Int) -> [UInt8] {
        let lengthPrefix = [UInt8(truncatingIfNeeded: length), UInt8(truncatingIfNeeded: length >> 8),
                            UInt8(truncatingIfNeeded: length >> 16), UInt8(truncatingIfNeeded: length >> 24)]
        if length <= 64 {
            var b = BLAKE2b(digestLength: length)
            b.update(lengthPrefix)
            b.update(input)
            return b.finalize()
        }
        var out = [UInt8]()
        out.reserveCapacity(length)
        let r = (length + 31) / 32 - 2
        var b = BLAKE2b(digestLength: 64)
        b.update(lengthPrefix)
        b.update(input)
        var v = b.finalize()
        out.append(contentsOf: v[0..<32])
        for _ in 1..<r {
            v = BLAKE2b.hash(v, digestLength: 64)
            out.append(contentsOf: v[0..<32])
        }
        let last = BLAKE2b.hash(v, digestLength: length - 32 * r)
        out.append(contentsOf: last)
        wipe(&v)
        return out
    }
}

/// Overwrites a buffer that held secret material.
func wipe(_ bytes: inout [UInt8]) {
    bytes.withUnsafeMutableBytes { secureZero($0.baseAddress, $0.count) }
}
