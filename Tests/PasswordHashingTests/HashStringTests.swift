import Foundation
import Testing
@testable import PasswordHashing

@Suite("Stored hash strings")
struct HashStringTests {
    static let valid = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$zRYzVLo5s0HD8yiYB5wRVi0tkb4Zq6PSpMb2lwmLzZ4"

    @Test("a valid PHC string round-trips")
    func roundTrip() throws {
        let parsed = try Argon2HashString(parsing: Self.valid)
        #expect(parsed.variant == .argon2id)
        #expect(parsed.memoryKiB == 19_456 && parsed.iterations == 2 && parsed.parallelism == 1)
        #expect(parsed.salt == Array("somesaltsomesalt".utf8))
        #expect(parsed.tag.count == 32)
        #expect(parsed.encoded == Self.valid)
    }

    @Test("a pepper id round-trips as keyid")
    func keyID() throws {
        let h = Argon2HashString(variant: .argon2id, memoryKiB: 64, iterations: 1, parallelism: 1, pepperID: "k2026",
                                 salt: [UInt8](repeating: 1, count: 16), tag: [UInt8](repeating: 2, count: 32))
        #expect(h.encoded.contains(",keyid=azIwMjY$"))
        #expect(try Argon2HashString(parsing: h.encoded) == h)
    }

    static let salt = "c29tZXNhbHRzb21lc2FsdA"
    static let tag = "zRYzVLo5s0HD8yiYB5wRVi0tkb4Zq6PSpMb2lwmLzZ4"

    /// Every way a stored Argon2 hash can be wrong, with the code the parser must give.
    static let malformed: [(String, PasswordHashingError.Code)] = [
        ("", .malformedHash),
        ("argon2id$v=19$m=19456,t=2,p=1$\(salt)$\(tag)", .malformedHash),
        ("$argon2id$v=19$m=19456,t=2,p=1$\(salt)", .malformedHash),
        ("$argon2id$v=19$m=19456,t=2,p=1", .malformedHash),
        ("$argon2id$v=19$m=19456,t=2,p=1$\(salt)$\(tag)$", .malformedHash),
        ("$argon2id$v=19$m=19456,t=2,p=1$\(salt)$", .parameterOutOfRange),
        ("$argon2id$v=19$m=19456,t=2,p=1$\(salt)$AAAAAAAAAAAAAAAA", .parameterOutOfRange),
        ("$argon2id$v=19$m=19456,t=2,p=1$\(salt)$\(tag)=", .malformedHash),
        ("$argon2id$v=19$m=19456,t=2,p=1$\(salt)==$\(tag)", .malformedHash),
        ("$argon2id$v=19$m=19456,t=2,p=1$c29tZ!NhbHRzb21lc2FsdA$\(tag)", .malformedHash),
        ("$argon2id$v=19$m=19456,t=2,p=1$\(salt)$\(tag.dropLast())5", .malformedHash),
        ("$argon2id$v=19$m=19456,t=2,p=1$\(salt)$\(tag)AA", .malformedHash),
        ("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdB$\(tag)", .malformedHash),
        ("$argon2id$v=19$m=19456,t=2,p=1$\(salt.replacingOccurrences(of: "c", with: "-"))$\(tag)", .malformedHash),
        ("$argon2id$v=19$m=0,t=2,p=1$\(salt)$\(tag)", .parameterOutOfRange),
        ("$argon2id$v=19$m=4294967295,t=2,p=1$\(salt)$\(tag)", .parameterOutOfRange),
        ("$argon2id$v=19$m=99999999999,t=2,p=1$\(salt)$\(tag)", .malformedHash),
        ("$argon2id$v=19$m=4294967296,t=2,p=1$\(salt)$\(tag)", .parameterOutOfRange),
        ("$argon2id$v=19$m=-1,t=2,p=1$\(salt)$\(tag)", .malformedHash),
        ("$argon2id$v=19$m=019456,t=2,p=1$\(salt)$\(tag)", .malformedHash),
        ("$argon2id$v=19$m=+19456,t=2,p=1$\(salt)$\(tag)", .malformedHash),
        ("$argon2id$v=19$m= 19456,t=2,p=1$\(salt)$\(tag)", .malformedHash),
        ("$argon2id$v=19$m=,t=2,p=1$\(salt)$\(tag)", .malformedHash),
        ("$argon2id$v=19$m=19456,t=0,p=1$\(salt)$\(tag)", .parameterOutOfRange),
        ("$argon2id$v=19$m=19456,t=100000,p=1$\(salt)$\(tag)", .parameterOutOfRange),
        ("$argon2id$v=19$m=19456,t=2,p=0$\(salt)$\(tag)", .parameterOutOfRange),
        ("$argon2id$v=19$m=19456,t=2,p=255$\(salt)$\(tag)", .parameterOutOfRange),
        ("$argon2id$v=19$m=16,t=2,p=4$\(salt)$\(tag)", .parameterOutOfRange),
        ("$argon2id$v=19$t=2,m=19456,p=1$\(salt)$\(tag)", .malformedHash),
        ("$argon2id$v=19$m=19456,t=2$\(salt)$\(tag)", .malformedHash),
        ("$argon2id$v=19$m=19456,t=2,p=1,data=AAAA$\(salt)$\(tag)", .malformedHash),
        ("$argon2id$v=19$m=19456,t=2,p=1,keyid=$\(salt)$\(tag)", .malformedHash),
        ("$argon2id$v=19$m=19456,t=2,p=1,keyid=QUJDREVGR0hJ$\(salt)$\(tag)", .malformedHash),
        ("$argon2id$v=19$m=19456,t=2,p=1,,$\(salt)$\(tag)", .malformedHash),
        ("$argon2id$v=16$m=19456,t=2,p=1$\(salt)$\(tag)", .unsupportedAlgorithm),
        ("$argon2id$v=20$m=19456,t=2,p=1$\(salt)$\(tag)", .unsupportedAlgorithm),
        ("$argon2id$m=19456,t=2,p=1$\(salt)$\(tag)", .unsupportedAlgorithm),
        ("$argon2id$V=19$m=19456,t=2,p=1$\(salt)$\(tag)", .malformedHash),
        ("$argon2x$v=19$m=19456,t=2,p=1$\(salt)$\(tag)", .unsupportedAlgorithm),
        ("$ARGON2ID$v=19$m=19456,t=2,p=1$\(salt)$\(tag)", .unsupportedAlgorithm),
        ("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$\(tag)", .parameterOutOfRange),
        ("$argon2id$v=19$m=19456,t=2,p=1$\(String(repeating: "A", count: 100))$\(tag)", .parameterOutOfRange),
        ("$argon2id$v=19$m=19456,t=2,p=1$\(salt)$\(String(repeating: "A", count: 400))", .parameterOutOfRange),
        ("$argon2id$v=19$m=19456,t=2,p=1$\(salt)$\(String(repeating: "A", count: 600))", .malformedHash),
        (" $argon2id$v=19$m=19456,t=2,p=1$\(salt)$\(tag)", .malformedHash),
        ("$argon2id$v=19$m=19456,t=2,p=1$\(salt)$\(tag)\n", .malformedHash),
    ]

    @Test("malformed and out-of-range Argon2 strings are clear errors", arguments: malformed)
    func malformedArgon2(text: String, code: PasswordHashingError.Code) {
        do {
            let parsed = try Argon2HashString(parsing: text)
            Issue.record("parsed \(text) as \(parsed)")
        } catch let error as PasswordHashingError {
            #expect(error.code == code, "\(text): \(error)")
            #expect(!error.message.isEmpty)
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    @Test("limits are configurable: a tighter memory ceiling refuses a hash that the default accepts")
    func configurableLimits() throws {
        var limits = HashLimits()
        limits.argon2Memory = 8...16_384
        #expect(throws: PasswordHashingError.self) { try Argon2HashString(parsing: Self.valid, limits: limits) }
        limits.maximumHashLength = 40
        #expect(throws: PasswordHashingError.self) { try Argon2HashString(parsing: Self.valid, limits: limits) }
    }

    static let malformedImported: [(String, PasswordHashingError.Code)] = [
        ("$scrypt$ln=16,r=8,p=1$5VwLwRhDyFmr9T6H0NpbKw", .malformedHash),
        ("$scrypt$ln=16,r=8$5VwLwRhDyFmr9T6H0NpbKw$gc+W3wh4idT5bcobTQia8GoBVitFX+ixv5bMDuTM1pk", .malformedHash),
        ("$scrypt$ln=30,r=8,p=1$5VwLwRhDyFmr9T6H0NpbKw$gc+W3wh4idT5bcobTQia8GoBVitFX+ixv5bMDuTM1pk", .parameterOutOfRange),
        ("$scrypt$ln=20,r=32,p=1$5VwLwRhDyFmr9T6H0NpbKw$gc+W3wh4idT5bcobTQia8GoBVitFX+ixv5bMDuTM1pk", .parameterOutOfRange),
        ("$scrypt$ln=16,r=0,p=1$5VwLwRhDyFmr9T6H0NpbKw$gc+W3wh4idT5bcobTQia8GoBVitFX+ixv5bMDuTM1pk", .parameterOutOfRange),
        ("$scrypt$ln=16,r=8,p=99$5VwLwRhDyFmr9T6H0NpbKw$gc+W3wh4idT5bcobTQia8GoBVitFX+ixv5bMDuTM1pk", .parameterOutOfRange),
        ("$scrypt$ln=16,r=8,p=1$5VwLwRhDyFmr9T6H0NpbKw$gc.W3wh4idT5bcobTQia8GoBVitFX+ixv5bMDuTM1pk", .malformedHash),
        ("$pbkdf2-sha256$29000$MEaIUerde0/p3VuLMSYkBA$g1AKrEwkyqzrcUgXolcEiOmc6tpD8fGgRKSjR2hJJY", .malformedHash),
        ("$pbkdf2-sha256$0$MEaIUerde0/p3VuLMSYkBA$g1AKrEwkyqzrcUgXolcEiOmc6tpD8fGgRKSjR2hJJYQ", .parameterOutOfRange),
        ("$pbkdf2-sha256$999999999$MEaIUerde0/p3VuLMSYkBA$g1AKrEwkyqzrcUgXolcEiOmc6tpD8fGgRKSjR2hJJYQ", .parameterOutOfRange),
        ("$pbkdf2-sha256$29000$MEaIUerde0+p3VuLMSYkBA$g1AKrEwkyqzrcUgXolcEiOmc6tpD8fGgRKSjR2hJJYQ", .malformedHash),
        ("$pbkdf2-sha512$25000$PCfkPOecM6bUWmvt3XsPQQ$g1AKrEwkyqzrcUgXolcEiOmc6tpD8fGgRKSjR2hJJYQ", .malformedHash),
        ("$pbkdf2-sha256$29000$$g1AKrEwkyqzrcUgXolcEiOmc6tpD8fGgRKSjR2hJJYQ", .parameterOutOfRange),
        ("$2b$12$9I5nhUgew1XO03V2NLqdRODQT3O31gBqYD6SFBaUMigLBIM0TQZL", .malformedHash),
        ("$2b$31$9I5nhUgew1XO03V2NLqdRODQT3O31gBqYD6SFBaUMigLBIM0TQZLS", .parameterOutOfRange),
        ("$2b$03$9I5nhUgew1XO03V2NLqdRODQT3O31gBqYD6SFBaUMigLBIM0TQZLS", .parameterOutOfRange),
        ("$2b$1x$9I5nhUgew1XO03V2NLqdRODQT3O31gBqYD6SFBaUMigLBIM0TQZLS", .malformedHash),
        ("$2b$12$9I5nhUgew1XO03V2NLqdRODQT3O31gBqYD6SFBaUMigLBIM0TQZL+", .malformedHash),
        ("$2x$12$9I5nhUgew1XO03V2NLqdRODQT3O31gBqYD6SFBaUMigLBIM0TQZLS", .unsupportedAlgorithm),
        ("$md5$abc", .unsupportedAlgorithm),
        ("plaintext", .unsupportedAlgorithm),
        ("$scrypt$" + String(repeating: "A", count: 600), .malformedHash),
    ]

    @Test("malformed imported hashes are clear errors", arguments: malformedImported)
    func malformedImportedHash(text: String, code: PasswordHashingError.Code) throws {
        let hasher = try PasswordHasher()
        do {
            let verdict = try hasher.verify("password", against: text)
            Issue.record("verified \(text) as \(verdict)")
        } catch let error as PasswordHashingError {
            #expect(error.code == code, "\(text): \(error)")
        }
    }

    @Test("unpadded base64 round-trips every length and rejects the impossible ones")
    func base64() {
        var rng = SplitMix64(seed: 7)
        for length in 0..<70 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            for alphabet in [Base64Unpadded.standard, Base64Unpadded.adapted] {
                let text = Base64Unpadded.encode(bytes, alphabet: alphabet)
                #expect(!text.contains("="))
                #expect(Base64Unpadded.decode(text[...], alphabet: alphabet) == bytes)
            }
        }
        #expect(Base64Unpadded.decode("A") == nil)
        #expect(Base64Unpadded.decode("AAAAA") == nil)
        #expect(Base64Unpadded.decode("AB") == nil) // stray bits in the last character
        #expect(Base64Unpadded.decode("AA") == [0])
    }
}
