import Foundation
import Testing
@testable import CredentialPolicy

@Suite("Trading PIN and phone PIN rules")
struct PINRuleTests {
    let policy = CredentialPolicy()
    let context = CredentialContext(kind: .tradingPIN, userID: "hanako", birthDate: BirthDate(year: 1985, month: 3, day: 15),
                                    phoneDigits: "03-5555-4826")

    func codes(_ pin: String, kind: CredentialKind = .tradingPIN, _ ctx: CredentialContext? = nil) -> [String] {
        var c = ctx ?? context
        c.kind = kind
        return policy.checkWithoutHashes(candidate: pin, for: c).violations.map(\.code.rawValue)
    }

    @Test("a good PIN passes, for both PINs")
    func good() {
        #expect(codes("2749") == [])
        #expect(codes("2749", kind: .phonePIN) == [])
        #expect(codes("２７４９") == []) // full-width digits are digits
    }

    @Test("digits only, and the configured length")
    func shape() {
        #expect(codes("27a9") == ["not-digits"])
        #expect(codes("") == ["not-digits"])
        #expect(codes("２７a９") == ["not-digits"])
        #expect(codes("274") == ["wrong-length"])
        #expect(codes("27491") == ["wrong-length"])
        var c = CredentialPolicy.Configuration()
        c.tradingPINLength = 6
        #expect(CredentialPolicy(configuration: c).checkWithoutHashes(candidate: "274916", for: context).accepted)
    }

    @Test("the same digit throughout", arguments: ["0000", "1111", "9999"])
    func sameDigits(pin: String) { #expect(codes(pin).contains("same-digits")) }

    @Test("runs, ascending, descending and wrapping", arguments: ["1234", "9876", "0123", "8901", "2109", "6789", "3210"])
    func sequences(pin: String) { #expect(codes(pin).contains("sequence"), "\(pin)") }

    @Test("not runs", arguments: ["1357", "2749", "1243"])
    func notSequences(pin: String) { #expect(!codes(pin).contains("sequence"), "\(pin)") }

    @Test("birth-date forms: MMDD, DDMM, YYYY, YYMM, MMYY, era year with month", arguments: ["0315", "1503", "1985", "8503", "0385", "6003"])
    func birthDate(pin: String) { #expect(codes(pin).contains("birth-date"), "\(pin)") }

    @Test("the last digits of the registered phone")
    func phone() {
        #expect(codes("4826").contains("phone-number"))
        #expect(!codes("5555").contains("phone-number"))
    }

    @Test("common PINs (at least 100 shipped)")
    func common() {
        #expect(CommonPINs.all.count >= 100)
        for pin in ["1212", "2580", "4649", "6969", "1004", "3939"] {
            #expect(codes(pin).contains("common-pin"), "\(pin)")
        }
    }

    @Test("the other PIN given in clear")
    func otherPIN() {
        let ctx = CredentialContext(kind: .phonePIN, userID: "hanako",
                                    otherCredentials: [OtherCredential(kind: .tradingPIN, value: .clear("2749"))])
        #expect(codes("2749", kind: .phonePIN, ctx) == ["same-as-other-credential"])
    }
}

@Suite("Change reminders")
struct ChangeReminderTests {
    let t0 = Date(timeIntervalSince1970: 1_760_000_000)

    @Test("a reminder after 180 days by default, never a forced change for age alone")
    func defaults() {
        let policy = ChangeReminderPolicy()
        #expect(policy.evaluate(lastChanged: t0, at: t0.addingTimeInterval(179 * 86_400)) == .none)
        #expect(policy.evaluate(lastChanged: t0, at: t0.addingTimeInterval(180 * 86_400)) == .reminderDue(since: t0.addingTimeInterval(180 * 86_400)))
        #expect(policy.evaluate(lastChanged: t0, at: t0.addingTimeInterval(3_000 * 86_400)) == .reminderDue(since: t0.addingTimeInterval(180 * 86_400)))
    }

    @Test("forced change when configured, or when a compromise is known")
    func forced() {
        var policy = ChangeReminderPolicy()
        policy.forcedChangeAge = 365 * 86_400
        #expect(policy.evaluate(lastChanged: t0, at: t0.addingTimeInterval(365 * 86_400)) == .changeRequired(.age))
        #expect(ChangeReminderPolicy().evaluate(lastChanged: t0, compromiseKnown: true, at: t0) == .changeRequired(.compromise))
    }
}
