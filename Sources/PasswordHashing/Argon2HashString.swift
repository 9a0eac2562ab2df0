/// An Argon2 hash in the PHC string format: `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<tag>`.
///
/// Salt and tag are unpadded standard base64. When a pepper was used, its identifier follows the
/// parameters as `keyid=<base64>` (a field the PHC format defines for this purpose), so that a hash
/// always says which secret key it needs. Parsing is strict: the fields in this order, decimal numbers
/// without leading zeros, canonical base64, and every value within ``HashLimits``.
public struct Argon2HashString: Sendable, Hashable {
    /// The variant.
    public var variant: Argon2.Variant
    /// Memory in KiB.
    public var memoryKiB: UInt32
    /// Passes.
    public var iterations: UInt32
    /// Lanes.
    public var parallelism: UInt32
    /// Identifier of the pepper used, if any.
    public var pepperID: String?
    /// The salt.
    public var salt: [UInt8]
    /// The tag (the hash proper).
    public var tag: [UInt8]

    /// Creates a hash value from its parts.
    public init(variant: Argon2.Variant, memoryKiB: UInt32, iterations: UInt32, parallelism: UInt32,
                pepperID: String? = nil, salt: [UInt8], tag: [UInt8]) {
        self.variant = variant
        self.memoryKiB = memoryKiB
        self.iterations = iterations
        self.parallelism = parallelism
        self.pepperID = pepperID
        self.salt = salt
        self.tag = tag
    }

    /// The Argon2 parameters this hash was made with.
    public var parameters: Argon2.Parameters {
        Argon2.Parameters(variant: variant, memoryKiB: memoryKiB, iterations: iterations,
                          parallelism: parallelism, tagLength: tag.count)
    }

    /// The PHC string.
    public var encoded: String {
        var params = "m=\(memoryKiB),t=\(iterations),p=\(parallelism)"
        if let pepperID { params += ",keyid=" + Base64Unpadded.encode(Array(pepperID.utf8)) }
        return "$\(variant.rawValue)$v=\(Argon2.version)$\(params)$\(Base64Unpadded.encode(salt))$\(Base64Unpadded.encode(tag))"
    }

    /// Parses a PHC string.
    ///
    /// - Throws: ``PasswordHashingError`` with `malformedHash` for a string that breaks the format,
    ///   `unsupportedAlgorithm` for another algorithm or version, `parameterOutOfRange` for values outside `limits`.
    public init(parsing text: String, limits: HashLimits = HashLimits()) throws {
        guard text.utf8.count <= limits.maximumHashLength else {
            throw PasswordHashingError(.malformedHash, "hash longer than \(limits.maximumHashLength) bytes")
        }
        let fields = text.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count >= 2, fields[0].isEmpty else {
            throw PasswordHashingError(.malformedHash, "a PHC string starts with '$'")
        }
        guard let variant = Argon2.Variant(rawValue: String(fields[1])) else {
            throw PasswordHashingError(.unsupportedAlgorithm, "not an Argon2 hash")
        }
        guard fields.count == 6 else {
            if fields.count == 5 && !fields[2].hasPrefix("v=") {
                throw PasswordHashingError(.unsupportedAlgorithm, "Argon2 version 0x10 (no 'v=' field) is not supported")
            }
            throw PasswordHashingError(.malformedHash, "an Argon2 PHC string has 5 '$'-separated fields")
        }
        guard fields[2].hasPrefix("v=") else {
            throw PasswordHashingError(.malformedHash, "the version field must be 'v=19'")
        }
        let version = try Self.decimal(fields[2].dropFirst(2), name: "v")
        guard version == Argon2.version else {
            throw PasswordHashingError(.unsupportedAlgorithm, "Argon2 version \(version) is not supported (only 19)")
        }
        let params = fields[3].split(separator: ",", omittingEmptySubsequences: false)
        guard params.count == 3 || params.count == 4 else {
            throw PasswordHashingError(.malformedHash, "expected 'm=…,t=…,p=…' with an optional ',keyid=…'")
        }
        func value(_ index: Int, _ name: String) throws -> Substring {
            let part = params[index]
            guard part.hasPrefix(name + "=") else {
                throw PasswordHashingError(.malformedHash, "expected parameter '\(name)' in position \(index + 1)")
            }
            return part.dropFirst(name.count + 1)
        }
        let m = try Self.decimal(try value(0, "m"), name: "m")
        let t = try Self.decimal(try value(1, "t"), name: "t")
        let p = try Self.decimal(try value(2, "p"), name: "p")
        var pepperID: String?
        if params.count == 4 {
            guard let idBytes = Base64Unpadded.decode(try value(3, "keyid")), (1...8).contains(idBytes.count),
                  let id = String(validating: idBytes, as: UTF8.self) else {
                throw PasswordHashingError(.malformedHash, "keyid must be 1 to 8 bytes of base64-encoded UTF-8")
            }
            pepperID = id
        }
        guard limits.argon2Memory.contains(m) else {
            throw PasswordHashingError(.parameterOutOfRange, "memory m=\(m) KiB is outside \(limits.argon2Memory)")
        }
        guard limits.argon2Iterations.contains(t) else {
            throw PasswordHashingError(.parameterOutOfRange, "iterations t=\(t) is outside \(limits.argon2Iterations)")
        }
        guard limits.argon2Parallelism.contains(p) else {
            throw PasswordHashingError(.parameterOutOfRange, "parallelism p=\(p) is outside \(limits.argon2Parallelism)")
        }
        guard UInt64(m) >= 8 * UInt64(p) else {
            throw PasswordHashingError(.parameterOutOfRange, "memory must be at least 8 KiB per lane")
        }
        guard let salt = Base64Unpadded.decode(fields[4]) else {
            throw PasswordHashingError(.malformedHash, "the salt is not canonical unpadded base64")
        }
        guard let tag = Base64Unpadded.decode(fields[5]) else {
            throw PasswordHashingError(.malformedHash, "the hash is not canonical unpadded base64")
        }
        guard limits.saltLength.contains(salt.count) else {
            throw PasswordHashingError(.parameterOutOfRange, "salt of \(salt.count) bytes is outside \(limits.saltLength)")
        }
        guard limits.tagLength.contains(tag.count) else {
            throw PasswordHashingError(.parameterOutOfRange, "hash of \(tag.count) bytes is outside \(limits.tagLength)")
        }
        self.init(variant: variant, memoryKiB: m, iterations: t, parallelism: p, pepperID: pepperID, salt: salt, tag: tag)
    }

    /// A decimal field: 1 to 10 ASCII digits, no sign, no leading zero, at most 2^32-1.
    static func decimal(_ text: Substring, name: String) throws -> UInt32 {
        let digits = Array(text.utf8)
        guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              digits.count == 1 || digits[0] != 0x30 else {
            throw PasswordHashingError(.malformedHash, "'\(name)' must be a decimal number without leading zeros")
        }
        var value: UInt64 = 0
        for d in digits { value = value * 10 + UInt64(d - 0x30) }
        guard value <= UInt64(UInt32.max) else {
            throw PasswordHashingError(.parameterOutOfRange, "'\(name)' exceeds 2^32-1")
        }
        return UInt32(value)
    }
}
