import CredentialPolicy
import Foundation
import PasswordHashing
import Storage
import Testing
@testable import AccountSecurity

@Suite("AccountService: opening accounts and changing credentials")
struct CredentialChangeTests {
    let t0 = ServiceFixture.t0

    func request(_ userID: String = "HanakoSuzuki", password: String = "Kumo-no-Ue7Sora!Wing", trading: String = "2749",
                 phone: String = "5830") -> NewAccount {
        NewAccount(userID: userID, displayName: "鈴木花子", birthDate: BirthDate(year: 1990, month: 7, day: 21)!,
                   email: "hanako@example.jp", phoneDigits: "080-1111-2222", password: password, tradingPIN: trading, phonePIN: phone)
    }

    @Test("an account opens with hashes only, and its event")
    func open() async throws {
        let f = try await ServiceFixture.make()
        guard case let .done(id) = try await f.service.createAccount(request(), at: t0) else { Issue.record("refused"); return }
        let account = try #require(try await f.store.account(id: id))
        #expect(account.passwordHash.hasPrefix("$argon2id$") && account.tradingPINHash.hasPrefix("$argon2id$"))
        #expect(!String(describing: account).contains("Kumo-no-Ue7Sora!Wing"))
        #expect(try await f.login("Kumo-no-Ue7Sora!Wing", userID: "hanakosuzuki").token != nil)
        #expect(try await f.service.createAccount(request("ＨａｎａｋｏＳｕｚｕｋｉ"), at: t0) == .userIDUnavailable)
    }

    @Test("every credential goes through the policy; all reasons come back, nothing is stored")
    func refused() async throws {
        let f = try await ServiceFixture.make()
        let outcome = try await f.service.createAccount(request("jiro", password: "jiro19900721", trading: "1234", phone: "1234"), at: t0)
        guard case let .rejected(reasons) = outcome else { Issue.record("accepted: \(outcome)"); return }
        #expect(reasons[.loginPassword]?.map(\.code).contains(.birthDate) == true)
        #expect(reasons[.tradingPIN]?.map(\.code).contains(.sequence) == true)
        #expect(reasons[.phonePIN]?.map(\.code).contains(.sameAsOtherCredential) == true)
        #expect(try await f.service.account(userID: "jiro") == nil)
        #expect(try await f.events().last?.event.kind == .policyRejected)
        #expect(try await f.service.createAccount(request("bad id"), at: t0) == .userIDUnavailable)
        var badMail = request("saburo")
        badMail.email = "not-a-mail"
        #expect(try await f.service.createAccount(badMail, at: t0) == .invalidField("email"))
    }

    @Test("a password change needs the current password, applies history and ends other sessions")
    func changePassword() async throws {
        let f = try await ServiceFixture.make()
        guard case let .authenticated(keep, keepToken) = try await f.login("Correct-Horse-77"),
              case let .authenticated(_, otherToken) = try await f.login("Correct-Horse-77") else { return }
        let c = ServiceFixture.client
        #expect(try await f.service.changePassword(accountID: f.accountID, keepingSession: keep.id, current: "wrong", new: "Tsuki-ga-Kirei9!",
                                                   client: c, at: t0) == .wrongCurrentCredential)
        guard case let .rejected(reasons) = try await f.service.changePassword(
            accountID: f.accountID, keepingSession: keep.id, current: "Correct-Horse-77", new: "Correct-Horse-77", client: c, at: t0) else {
            Issue.record("accepted the current password again"); return
        }
        #expect(reasons[.loginPassword]?.map(\.code).contains(.reused) == true)
        #expect(try await f.service.changePassword(accountID: f.accountID, keepingSession: keep.id, current: "Correct-Horse-77",
                                                   new: "Tsuki-ga-Kirei9!", client: c, at: t0) == .done(accountID: f.accountID))
        guard case .valid = try await f.service.validateSession(token: keepToken.text, at: t0) else { Issue.record("kept session ended"); return }
        #expect(try await f.service.validateSession(token: otherToken.text, at: t0) == .invalid)
        #expect(try await f.login("Correct-Horse-77").rejection == .invalidCredentials)
        #expect(try await f.login("Tsuki-ga-Kirei9!").token != nil)
        let account = try #require(try await f.store.account(id: f.accountID))
        #expect(account.passwordHistory.count == 1 && account.passwordChangedAt == t0)
        // The old one is now in the history.
        guard case .rejected = try await f.service.changePassword(accountID: f.accountID, keepingSession: nil, current: "Tsuki-ga-Kirei9!",
                                                                  new: "Correct-Horse-77", client: c, at: t0) else {
            Issue.record("reused an old password"); return
        }
    }

    @Test("a PIN change needs the current PIN and differs from the other PIN")
    func changePIN() async throws {
        let f = try await ServiceFixture.make()
        let c = ServiceFixture.client
        #expect(try await f.service.changePIN(.tradingPIN, accountID: f.accountID, current: "0000", new: "5071", client: c, at: t0) == .wrongCurrentCredential)
        guard case let .rejected(reasons) = try await f.service.changePIN(.tradingPIN, accountID: f.accountID, current: "4826",
                                                                           new: "7391", client: c, at: t0) else { Issue.record("accepted"); return }
        #expect(reasons[.tradingPIN]?.map(\.code) == [.sameAsOtherCredential])
        #expect(try await f.service.changePIN(.tradingPIN, accountID: f.accountID, current: "4826", new: "5071", client: c, at: t0) == .done(accountID: f.accountID))
        guard case let .authenticated(session, _) = try await f.login("Correct-Horse-77") else { return }
        #expect(try await f.service.stepUp(sessionID: session.id, accountID: f.accountID, pin: "5071", action: .withdraw, client: c, at: t0)
                == .granted(action: .withdraw, until: t0))
    }
}
