import PasswordHashing
import Testing
@testable import CredentialPolicy

@Suite("Login password rules")
struct PasswordRuleTests {
    let policy = CredentialPolicy()
    let context = CredentialContext(kind: .loginPassword, userID: "TaroYamada", birthDate: BirthDate(year: 1985, month: 3, day: 15),
                                    phoneDigits: "090-1234-5678")

    func codes(_ candidate: String, _ context: CredentialContext? = nil, policy: CredentialPolicy? = nil) -> [String] {
        (policy ?? self.policy).checkWithoutHashes(candidate: candidate, for: context ?? self.context).violations.map(\.code.rawValue)
    }

    @Test("a good password passes, with a strength")
    func accepted() {
        let verdict = policy.checkWithoutHashes(candidate: "Kumo-no-Ue7Sora!Wing", for: context)
        #expect(verdict.accepted, "\(verdict.violations.map(\.code))")
        #expect((verdict.strength?.score ?? 0) >= 3)
    }

    @Test("length is counted in characters after NFKC; 10 to 128 by default")
    func length() {
        #expect(codes("Kumo7Sora").contains("too-short"))
        #expect(!codes("Kumo7Sora!").contains("too-short"))
        #expect(codes("ｋｕｍｏ７ｓｏｒａ").contains("too-short")) // 9 characters, full-width
        #expect(!codes("ｋｕｍｏ７ｓｏｒａ！").contains("too-short"))
        let long = String((0..<129).map { i in Character(Unicode.Scalar(UInt8(0x41 + (i % 26)))) })
        #expect(codes(long).contains("too-long"))
        #expect(!codes(String(long.dropLast())).contains("too-long"))
        #expect(codes("Kumo7Sora\u{0007}x").contains("invalid-character"))
    }

    @Test("the user ID, its reverse, or containing it, ignoring case and width", arguments: [
        "taroyamada", "TAROYAMADA", "ｔａｒｏｙａｍａｄａ", "adamayorat", "xTaroYamada99", "99adamayoratZ",
    ])
    func userID(candidate: String) {
        #expect(codes(candidate).contains("same-as-user-id"), "\(candidate)")
    }

    @Test("short user IDs count only as the whole password")
    func shortUserID() {
        let ctx = CredentialContext(kind: .loginPassword, userID: "abc")
        #expect(codes("abc", ctx).contains("same-as-user-id"))
        #expect(!codes("xabcdefghijk", ctx).contains("same-as-user-id"))
    }

    @Test("no character twice in a row by default; a configurable maximum run")
    func repeats() {
        #expect(codes("Kumo7Soraa!x").contains("repeated-character"))
        #expect(codes("Kumo77Sora!x").contains("repeated-character"))
        #expect(codes("Kumo7Sora!!x").contains("repeated-character"))
        #expect(codes("ｋｕｍｏ７ｓｏｒａａ").contains("repeated-character"))
        #expect(!codes("Kumo7Sora!xy").contains("repeated-character"))
        var relaxed = CredentialPolicy.Configuration()
        relaxed.maximumRunLength = 2
        #expect(!codes("Kumo77Sora!x", policy: CredentialPolicy(configuration: relaxed)).contains("repeated-character"))
        #expect(codes("Kumo777Sora!x", policy: CredentialPolicy(configuration: relaxed)).contains("repeated-character"))
    }

    @Test("the birth date in any form, contained or whole", arguments: [
        "Blue19850315!", "Sky-850315-x", "1985/03/15abc", "x15.03.1985y", "Hello昭和60年3月15日", "S60.3.15Bird",
        "kumo-s600315", "ｓ６００３１５ｋｕｍｏ", "Showa600315!", "0315", "1985",
    ])
    func birthDate(candidate: String) {
        #expect(codes(candidate).contains("birth-date"), "\(candidate)")
    }

    @Test("short date forms inside a longer password do not count")
    func birthDateShortContained() {
        #expect(!codes("Tiger0315Sky!").contains("birth-date"))
        #expect(!codes("Summer1985!Sky").contains("birth-date"))
    }

    @Test("any password made by inserting a date form into a safe one is rejected (property)")
    func birthDateProperty() {
        let forms = BirthDateForms(BirthDate(year: 1985, month: 3, day: 15)!).forms.filter { $0.count >= 6 }
        var rng = SystemRandomNumberGenerator()
        let base = Array("Kumo-Wing-Sky")
        for form in forms {
            let at = Int.random(in: 0...base.count, using: &rng)
            let candidate = String(base[..<at]) + form + String(base[at...])
            #expect(codes(candidate).contains("birth-date"), "\(candidate)")
        }
    }

    @Test("common passwords from the bundled list, case-insensitively")
    func common() {
        #expect(codes("password").contains("common"))
        #expect(codes("Password").contains("common"))
        #expect(codes("ｐａｓｓｗｏｒｄ").contains("common"))
        #expect(codes("qwertyuiop").contains("common"))
        #expect(!codes("Kumo-no-Ue7Sora!Wing").contains("common"))
    }

    @Test("the same as a PIN given in clear")
    func otherCredentialInClear() {
        let ctx = CredentialContext(kind: .loginPassword, userID: "hanako",
                                    otherCredentials: [OtherCredential(kind: .tradingPIN, value: .clear("48261739"))])
        #expect(codes("48261739", ctx).contains("same-as-other-credential"))
    }

    @Test("every violation is reported, not the first; messages in both languages")
    func allViolations() {
        let verdict = policy.checkWithoutHashes(candidate: "taroyamada850315", for: context)
        let found = verdict.violations.map(\.code.rawValue)
        #expect(found.contains("same-as-user-id") && found.contains("birth-date"))
        for violation in verdict.violations {
            #expect(!violation.japanese.isEmpty && !violation.english.isEmpty)
            #expect(violation.japanese != violation.english)
        }
    }

    @Test("an optional minimum strength score")
    func weak() {
        var c = CredentialPolicy.Configuration()
        c.minimumStrengthScore = 3
        let strict = CredentialPolicy(configuration: c)
        let guessable = "Sakura2024!"
        #expect((policy.checkWithoutHashes(candidate: guessable, for: context).strength?.score ?? 4) < 3)
        #expect(codes(guessable, policy: strict).contains("weak"))
        #expect(!codes(guessable).contains("weak"))
        #expect(!codes("Kumo-no-Ue7Sora!Wing", policy: strict).contains("weak"))
    }
}

@Suite("Rules that compare with stored hashes")
struct HashedRuleTests {
    static func hasher() throws -> PasswordHasher {
        var c = PasswordHasher.Configuration()
        c.memoryKiB = 64
        c.iterations = 1
        return try PasswordHasher(configuration: c)
    }

    @Test("reused: one of the last 5 login passwords; the 6th back is allowed")
    func reused() async throws {
        let hasher = try Self.hasher()
        let old = ["Kumo-Tori-01x", "Kumo-Tori-02x", "Kumo-Tori-03x", "Kumo-Tori-04x", "Kumo-Tori-05x", "Kumo-Tori-06x"]
        let history = try old.map { try hasher.hash($0) }
        var c = CredentialPolicy.Configuration()
        c.hasher = hasher
        let policy = CredentialPolicy(configuration: c)
        let ctx = CredentialContext(kind: .loginPassword, userID: "hanako", passwordHistory: history)
        #expect(try await policy.check(candidate: "Kumo-Tori-03x", for: ctx).violations.map(\.code) == [.reused])
        #expect(try await policy.check(candidate: "Ｋｕｍｏ－Ｔｏｒｉ－０１ｘ", for: ctx).violations.map(\.code) == [.reused])
        #expect(try await policy.check(candidate: "Kumo-Tori-06x", for: ctx).accepted)
    }

    @Test("the same as the trading PIN or phone PIN known by hash, or the other PIN")
    func otherHashed() async throws {
        let hasher = try Self.hasher()
        var c = CredentialPolicy.Configuration()
        c.hasher = hasher
        let policy = CredentialPolicy(configuration: c)
        let ctx = CredentialContext(kind: .phonePIN, userID: "hanako",
                                    otherCredentials: [OtherCredential(kind: .tradingPIN, value: .hashed(try hasher.hash("5071")))])
        #expect(try await policy.check(candidate: "5071", for: ctx).violations.map(\.code) == [.sameAsOtherCredential])
        #expect(try await policy.check(candidate: "5072", for: ctx).accepted)
    }

    @Test("hashes without a hasher are a configuration error")
    func noHasher() async throws {
        let ctx = CredentialContext(kind: .loginPassword, userID: "x", passwordHistory: ["$argon2id$v=19$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA"])
        await #expect(throws: PasswordHashingError.self) { try await CredentialPolicy().check(candidate: "Kumo-no-Ue7Sora!Wing", for: ctx) }
    }
}
