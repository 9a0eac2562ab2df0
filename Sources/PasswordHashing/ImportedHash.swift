import Crypto
import CryptoExtras
import HummingbirdBcrypt

/// A hash made by another system, in the formats passlib writes, that Moat verifies but never creates.
///
/// A broker moving to Moat keeps its customers' existing hashes; the first successful login verifies the
/// old hash and ``PasswordHasher`` advises replacing it with Argon2id (``PasswordVerification/matchRehashAdvised``).
public enum ImportedHash: Sendable, Hashable {
    /// `$scrypt$ln=16,r=8,p=1$<salt>$<checksum>`, standard unpadded base64.
    case scrypt(logCost: Int, blockSize: Int, parallelism: Int, salt: [UInt8], checksum: [UInt8])
    /// `$pbkdf2-sha256$29000$<salt>$<checksum>` (also `-sha512`, and `$pbkdf2$` for SHA-1), passlib's adapted base64.
    case pbkdf2(digest: PBKDF2Digest, rounds: Int, salt: [UInt8], checksum: [UInt8])
    /// `$2a$`, `$2b$` or `$2y$` bcrypt, 22 salt and 31 hash characters of bcrypt's own base64.
    case bcrypt(String)

    /// The HMAC digest of a PBKDF2 hash.
    public enum PBKDF2Digest: String, Sendable, Hashable {
        case sha1, sha256, sha512

        var byteCount: Int {
            switch self {
            case .sha1: 20
            case .sha256: 32
            case .sha512: 64
            }
        }
    }

    /// Parses a stored hash in one of the imported formats.
    ///
    /// - Returns: nil when the string does not start with one of their identifiers.
    /// - Throws: ``PasswordHashingError`` for a string that starts like one but is malformed or out of `limits`.
    public init?(parsing text: String, limits: HashLimits = HashLimits()) throws {
        guard text.utf8.count <= limits.maximumHashLength else {
            throw PasswordHashingError(.malformedHash, "hash longer than \(limits.maximumHashLength) bytes")
        }
        if text.hasPrefix("$scrypt$") {
            self = try Self.parseScrypt(text, limits: limits)
        } else if text.hasPrefix("$pbkdf2-sha256$") {
            self = try Self.parsePBKDF2(text, digest: .sha256, limits: limits)
        } else if text.hasPrefix("$pbkdf2-sha512$") {
            self = try Self.parsePBKDF2(text, digest: .sha512, limits: limits)
        } else if text.hasPrefix("$pbkdf2$") {
            self = try Self.parsePBKDF2(text, digest: .sha1, limits: limits)
        } else if text.hasPrefix("$2a$") || text.hasPrefix("$2b$") || text.hasPrefix("$2y$") {
            self = try Self.parseBcrypt(text, limits: limits)
        } else {
            return nil
        }
    }

    /// Whether `password` (exact bytes, no normalization) produces this hash. Runs in constant time
    /// with respect to the stored checksum.
    func matches(_ password: [UInt8]) throws -> Bool {
        switch self {
        case let .scrypt(logCost, blockSize, parallelism, salt, checksum):
            let key = try KDF.Scrypt.deriveKey(
                from: password, salt: salt, outputByteCount: checksum.count, rounds: 1 << logCost,
                blockSize: blockSize, parallelism: parallelism, maxMemory: 128 * blockSize * ((1 << logCost) + parallelism + 2) + (1 << 20))
            return constantTimeEquals(key.withUnsafeBytes { Array($0) }, checksum)
        case let .pbkdf2(digest, rounds, salt, checksum):
            let function: KDF.Insecure.PBKDF2.HashFunction = switch digest {
            case .sha1: .insecureSHA1
            case .sha256: .sha256
            case .sha512: .sha512
            }
            // Imported hashes may carry fewer rounds than swift-crypto's floor for new keys; they are only
            // verified here, never created, and the caller is told to replace them.
            let key = try KDF.Insecure.PBKDF2.deriveKey(
                from: password, salt: salt, using: function, outputByteCount: checksum.count, unsafeUncheckedRounds: rounds)
            return constantTimeEquals(key.withUnsafeBytes { Array($0) }, checksum)
        case let .bcrypt(text):
            // bcrypt reads a C string: a password with a NUL byte cannot be what made this hash.
            guard !password.contains(0), let passwordText = String(validating: password, as: UTF8.self) else { return false }
            // `$2y$` (PHP's name) is the same algorithm as `$2b$`; the C implementation knows only `$2a$` and `$2b$`.
            let normalized = text.hasPrefix("$2y$") ? "$2b$" + text.dropFirst(4) : text
            return Bcrypt.verify(passwordText, hash: normalized)
        }
    }

    private static func parseScrypt(_ text: String, limits: HashLimits) throws -> ImportedHash {
        let fields = text.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 5 else { throw PasswordHashingError(.malformedHash, "a scrypt hash has 4 '$'-separated fields") }
        let params = fields[2].split(separator: ",", omittingEmptySubsequences: false)
        guard params.count == 3, params[0].hasPrefix("ln="), params[1].hasPrefix("r="), params[2].hasPrefix("p=") else {
            throw PasswordHashingError(.malformedHash, "expected 'ln=…,r=…,p=…'")
        }
        let ln = Int(try Argon2HashString.decimal(params[0].dropFirst(3), name: "ln"))
        let r = Int(try Argon2HashString.decimal(params[1].dropFirst(2), name: "r"))
        let p = Int(try Argon2HashString.decimal(params[2].dropFirst(2), name: "p"))
        guard limits.scryptLogCost.contains(ln) else { throw PasswordHashingError(.parameterOutOfRange, "scrypt ln=\(ln) is outside \(limits.scryptLogCost)") }
        guard limits.scryptBlockSize.contains(r) else { throw PasswordHashingError(.parameterOutOfRange, "scrypt r=\(r) is outside \(limits.scryptBlockSize)") }
        guard limits.scryptParallelism.contains(p) else { throw PasswordHashingError(.parameterOutOfRange, "scrypt p=\(p) is outside \(limits.scryptParallelism)") }
        guard 128 * r * (1 << ln) <= limits.scryptMaximumMemory else {
            throw PasswordHashingError(.parameterOutOfRange, "scrypt needs more than \(limits.scryptMaximumMemory) bytes")
        }
        let (salt, checksum) = try saltAndChecksum(fields[3], fields[4], alphabet: Base64Unpadded.standard, limits: limits)
        guard limits.tagLength.contains(checksum.count) else {
            throw PasswordHashingError(.parameterOutOfRange, "hash of \(checksum.count) bytes is outside \(limits.tagLength)")
        }
        return .scrypt(logCost: ln, blockSize: r, parallelism: p, salt: salt, checksum: checksum)
    }

    private static func parsePBKDF2(_ text: String, digest: PBKDF2Digest, limits: HashLimits) throws -> ImportedHash {
        let fields = text.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 5 else { throw PasswordHashingError(.malformedHash, "a PBKDF2 hash has 4 '$'-separated fields") }
        let rounds = Int(try Argon2HashString.decimal(fields[2], name: "rounds"))
        guard limits.pbkdf2Rounds.contains(rounds) else {
            throw PasswordHashingError(.parameterOutOfRange, "PBKDF2 rounds \(rounds) is outside \(limits.pbkdf2Rounds)")
        }
        let (salt, checksum) = try saltAndChecksum(fields[3], fields[4], alphabet: Base64Unpadded.adapted, limits: limits)
        guard checksum.count == digest.byteCount else {
            throw PasswordHashingError(.malformedHash, "a PBKDF2-\(digest.rawValue) checksum has \(digest.byteCount) bytes")
        }
        return .pbkdf2(digest: digest, rounds: rounds, salt: salt, checksum: checksum)
    }

    private static func saltAndChecksum(_ saltText: Substring, _ checksumText: Substring, alphabet: Base64Unpadded.Alphabet,
                                        limits: HashLimits) throws -> ([UInt8], [UInt8]) {
        guard let salt = Base64Unpadded.decode(saltText, alphabet: alphabet) else {
            throw PasswordHashingError(.malformedHash, "the salt is not canonical unpadded base64")
        }
        guard let checksum = Base64Unpadded.decode(checksumText, alphabet: alphabet) else {
            throw PasswordHashingError(.malformedHash, "the checksum is not canonical unpadded base64")
        }
        guard limits.saltLength.contains(salt.count) else {
            throw PasswordHashingError(.parameterOutOfRange, "salt of \(salt.count) bytes is outside \(limits.saltLength)")
        }
        return (salt, checksum)
    }

    private static let bcryptAlphabet = Set("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    private static func parseBcrypt(_ text: String, limits: HashLimits) throws -> ImportedHash {
        let bytes = Array(text.utf8)
        guard bytes.count == 60, bytes[6] == UInt8(ascii: "$") else {
            throw PasswordHashingError(.malformedHash, "a bcrypt hash is '$2b$NN$' and 53 characters")
        }
        guard bytes[4] >= 0x30, bytes[4] <= 0x39, bytes[5] >= 0x30, bytes[5] <= 0x39 else {
            throw PasswordHashingError(.malformedHash, "the bcrypt cost is two decimal digits")
        }
        let cost = Int(bytes[4] - 0x30) * 10 + Int(bytes[5] - 0x30)
        guard limits.bcryptCost.contains(cost) else {
            throw PasswordHashingError(.parameterOutOfRange, "bcrypt cost \(cost) is outside \(limits.bcryptCost)")
        }
        guard bytes[7...].allSatisfy({ bcryptAlphabet.contains($0) }) else {
            throw PasswordHashingError(.malformedHash, "the bcrypt salt and hash use bcrypt's base64 alphabet")
        }
        return .bcrypt(text)
    }
}
