import Testing
@testable import PasswordHashing

@Suite("PasswordHasher")
struct PasswordHasherTests {
    /// Small parameters keep the suite fast; the defaults are tested once.
    static func fastHasher(_ edit: (inout PasswordHasher.Configuration) -> Void = { _ in }) throws -> PasswordHasher {
        var configuration = PasswordHasher.Configuration()
        configuration.memoryKiB = 256
        configuration.iterations = 1
        edit(&configuration)
        return try PasswordHasher(configuration: configuration)
    }

    @Test("the default configuration is Argon2id, m=19456, t=2, p=1, 16-byte salt, 32-byte tag")
    func defaults() throws {
        let hasher = try PasswordHasher()
        let hash = try hasher.hash("correct horse battery staple")
        #expect(hash.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
        let parsed = try Argon2HashString(parsing: hash)
        #expect(parsed.salt.count == 16 && parsed.tag.count == 32)
        #expect(try hasher.verify("correct horse battery staple", against: hash) == .match)
        #expect(try hasher.verify("correct horse battery stapler", against: hash) == .mismatch)
    }

    @Test("every new hash gets its own salt")
    func freshSalts() throws {
        let hasher = try Self.fastHasher()
        let hashes = try (0..<8).map { _ in try hasher.hash("same password") }
        #expect(Set(hashes).count == 8)
    }

    @Test("the salt comes from the injected generator")
    func injectedRandomness() throws {
        let hasher = try Self.fastHasher()
        var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42)
        #expect(try hasher.hash("pw", saltFrom: &a) == hasher.hash("pw", saltFrom: &b))
    }

    @Test("full-width and half-width forms are the same password (NFKC)",
          arguments: [("ｐａｓｓｗｏｒｄ１２３", "password123"), ("ﾊﾟｽﾜｰﾄﾞ", "パスワード"), ("Ｃｌｉｃｋ！２０２６", "Click!2026"), ("㍻３１", "平成31")])
    func normalization(typed: String, equivalent: String) throws {
        let hasher = try Self.fastHasher()
        let hash = try hasher.hash(typed)
        #expect(try hasher.verify(equivalent, against: hash) == .match)
        #expect(try hasher.verify(typed, against: hash) == .match)
    }

    @Test("case is not folded")
    func caseKept() throws {
        let hasher = try Self.fastHasher()
        #expect(try hasher.verify("PASSWORD", against: hasher.hash("password")) == .mismatch)
    }

    @Test("a hash made elsewhere from the unnormalized text still verifies, and asks for a rehash")
    func rawFormFallback() throws {
        let hasher = try Self.fastHasher()
        let typed = "ｐａｓｓ１２３"
        let salt = [UInt8](repeating: 5, count: 16)
        let tag = try Argon2.hash(password: Array(typed.utf8), salt: salt, parameters: hasher.configuration.parameters)
        let foreign = Argon2HashString(variant: .argon2id, memoryKiB: 256, iterations: 1, parallelism: 1, salt: salt, tag: tag).encoded
        #expect(try hasher.verify(typed, against: foreign) == .matchRehashAdvised)
        #expect(try hasher.verify("pass123", against: foreign) == .mismatch)
    }

    @Test("other parameters than configured advise a rehash")
    func rehashOnParameterChange() throws {
        let old = try Self.fastHasher()
        let hash = try old.hash("pw-1")
        #expect(try old.verify("pw-1", against: hash) == .match)
        #expect(try old.needsRehash(hash) == false)
        for edit: (inout PasswordHasher.Configuration) -> Void in [
            { $0.memoryKiB = 512 }, { $0.iterations = 2 }, { $0.parallelism = 2 }, { $0.variant = .argon2i },
            { $0.tagLength = 16 }, { $0.saltLength = 32 },
        ] {
            let new = try Self.fastHasher(edit)
            #expect(try new.verify("pw-1", against: hash) == .matchRehashAdvised)
            #expect(try new.needsRehash(hash))
            #expect(try new.verify("pw-2", against: hash) == .mismatch)
        }
    }

    @Test("peppers: new hashes name the current one, retired ones still verify, unknown ones are errors")
    func peppers() throws {
        let first = try Pepper(id: "k1", key: [UInt8](repeating: 0xA1, count: 32))
        let second = try Pepper(id: "k2", key: [UInt8](repeating: 0xB2, count: 32))
        let plain = try Self.fastHasher()
        let withFirst = try Self.fastHasher { $0.pepper = first }
        let rotated = try Self.fastHasher { $0.pepper = second; $0.retiredPeppers = [first] }

        let plainHash = try plain.hash("pw")
        let firstHash = try withFirst.hash("pw")
        #expect(firstHash.contains("keyid="))
        #expect(try withFirst.verify("pw", against: firstHash) == .match)
        #expect(try withFirst.verify("pw", against: plainHash) == .matchRehashAdvised)
        #expect(try rotated.verify("pw", against: firstHash) == .matchRehashAdvised)
        #expect(try rotated.verify("wrong", against: firstHash) == .mismatch)
        // The pepper is an input: the same salt and password without it give another tag.
        let stripped = try Argon2HashString(parsing: firstHash)
        var withoutID = stripped
        withoutID.pepperID = nil
        #expect(try plain.verify("pw", against: withoutID.encoded) == .mismatch)
        do {
            _ = try plain.verify("pw", against: firstHash)
            Issue.record("verified a peppered hash without its pepper")
        } catch let error as PasswordHashingError {
            #expect(error.code == .unknownPepper)
        }
        #expect(!String(describing: first).contains("a1"))
        #expect(throws: PasswordHashingError.self) { try Pepper(id: "", key: [UInt8](repeating: 1, count: 32)) }
        #expect(throws: PasswordHashingError.self) { try Pepper(id: "k", key: [1, 2, 3]) }
        #expect(throws: PasswordHashingError.self) { try Self.fastHasher { $0.pepper = first; $0.retiredPeppers = [first] } }
    }

    @Test("passwords: 1,024 bytes accepted, 1,025 refused, before and after normalization")
    func lengthLimit() throws {
        let hasher = try Self.fastHasher()
        let longest = String(repeating: "a", count: 1_024)
        #expect(try hasher.verify(longest, against: hasher.hash(longest)) == .match)
        for tooLong in [String(repeating: "a", count: 1_025), String(repeating: "あ", count: 342),
                        String(repeating: "㌀", count: 300)] { // ㌀ (3 bytes) becomes アパート (12 bytes)
            do {
                _ = try hasher.hash(tooLong)
                Issue.record("hashed \(tooLong.utf8.count) bytes")
            } catch let error as PasswordHashingError {
                #expect(error.code == .passwordTooLong)
            }
            #expect(throws: PasswordHashingError.self) { try hasher.verify(tooLong, against: hasher.hash("x")) }
        }
        do {
            _ = try hasher.hash("")
            Issue.record("hashed the empty password")
        } catch let error as PasswordHashingError {
            #expect(error.code == .invalidPassword)
        }
    }

    @Test("inconsistent configurations are refused")
    func configurationValidation() {
        for edit: (inout PasswordHasher.Configuration) -> Void in [
            { $0.memoryKiB = 4 }, { $0.iterations = 0 }, { $0.parallelism = 0 }, { $0.saltLength = 4 },
            { $0.tagLength = 8 }, { $0.memoryKiB = 2_000_000 }, { $0.maximumPasswordBytes = 0 },
        ] {
            #expect(throws: PasswordHashingError.self) { try Self.fastHasher(edit) }
        }
    }

    @Test("error messages never contain the password")
    func noSecretsInErrors() throws {
        let hasher = try Self.fastHasher()
        let secret = "TopSecret-" + String(repeating: "z", count: 1_100)
        do {
            _ = try hasher.hash(secret)
        } catch {
            #expect(!String(describing: error).contains("TopSecret"))
        }
    }

    @Test("async forms give the same verdicts off the cooperative pool")
    func asyncForms() async throws {
        let hasher = try Self.fastHasher()
        let hash = try await hasher.hashAsync("async pw")
        #expect(try await hasher.verifyAsync("async pw", against: hash) == .match)
        #expect(try await hasher.verifyAsync("other", against: hash) == .mismatch)
        await #expect(throws: PasswordHashingError.self) { try await hasher.verifyAsync("x", against: "$argon2id$bad") }
        let verdicts = try await withThrowingTaskGroup(of: PasswordVerification.self) { group in
            for i in 0..<8 { group.addTask { try await hasher.verifyAsync(i.isMultiple(of: 2) ? "async pw" : "no", against: hash) } }
            return try await group.reduce(into: [PasswordVerification]()) { $0.append($1) }
        }
        #expect(verdicts.filter { $0 == .match }.count == 4)
    }

    @Test("constant-time comparison is correct for equal, different and differently sized inputs")
    func constantTime() {
        #expect(constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEquals([1, 2, 3], [0, 2, 3]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(constantTimeEquals([], []))
    }
}
