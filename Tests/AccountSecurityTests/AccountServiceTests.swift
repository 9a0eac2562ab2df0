import Foundation
import PasswordHashing
import Storage
import Testing
@testable import AccountSecurity

/// A service over a fresh SQLite store, with small hashing parameters.
struct ServiceFixture {
    let service: AccountService
    let store: SQLiteStore
    let chain: AuditChain
    let directory: URL
    let accountID: String
    static let t0 = Date(millisecondsSince1970: 1_760_000_000_000)
    static let client = ClientInfo(address: "198.51.100.7", userAgent: "Mozilla/5.0 Test", deviceLabel: "Firefox on Linux")

    static func make(_ edit: (inout AccountSecurityConfiguration) -> Void = { _ in }) async throws -> ServiceFixture {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("moat-account-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let chain = try AuditChain(key: [UInt8](repeating: 7, count: 32))
        let store = try SQLiteStore(path: directory.appendingPathComponent("moat.sqlite").path, chain: chain)
        var hashing = PasswordHasher.Configuration()
        hashing.memoryKiB = 64
        hashing.iterations = 1
        let hasher = try PasswordHasher(configuration: hashing)
        var configuration = AccountSecurityConfiguration()
        edit(&configuration)
        let service = try AccountService(store: store, hasher: hasher, configuration: configuration)
        var account = AccountRecord(
            id: UUID().uuidString, userID: "TaroYamada", userKey: UserKey.make("TaroYamada")!, displayName: "山田太郎",
            birthDate: "1985-03-15", email: "taro@example.jp", phoneDigits: "09012345678",
            passwordHash: try hasher.hash("Correct-Horse-77"), tradingPINHash: try hasher.hash("4826"),
            phonePINHash: try hasher.hash("7391"), createdAt: t0)
        account.displayName = "山田太郎"
        try await store.createAccount(account, event: AuditEvent(kind: .accountCreated, time: t0, accountID: account.id))
        return ServiceFixture(service: service, store: store, chain: chain, directory: directory, accountID: account.id)
    }

    func login(_ password: String, userID: String = "TaroYamada", at time: Date = t0, from client: ClientInfo = client) async throws -> LoginOutcome {
        try await service.login(userID: userID, password: password, client: client, at: time)
    }

    func events() async throws -> [AuditEntry] { try await store.auditEntries(from: 1, limit: 10_000) }

    func chainVerdict() async throws -> AuditVerification {
        var verifier = AuditChain.Verifier(chain: chain)
        for entry in try await events() { verifier.consume(entry) }
        return verifier.finish(head: try await store.auditHead())
    }
}

extension LoginOutcome {
    var token: String? {
        if case let .authenticated(_, token) = self { return token.text }
        return nil
    }
    var rejection: LoginRejection? {
        if case let .rejected(rejection) = self { return rejection }
        return nil
    }
}

@Suite("AccountService: login, lockout, throttling")
struct LoginTests {
    let t0 = ServiceFixture.t0

    @Test("the right password opens a session; the user ID is matched after NFKC and case folding")
    func success() async throws {
        let f = try await ServiceFixture.make()
        #expect(try await f.login("Correct-Horse-77").token != nil)
        #expect(try await f.login("Correct-Horse-77", userID: "ｔａｒｏｙａｍａｄａ").token != nil)
        let account = try #require(try await f.store.account(id: f.accountID))
        #expect(account.lastLoginAt == t0)
        #expect(try await f.chainVerdict() == .intact(entries: 3))
    }

    @Test("unknown user IDs and wrong passwords get the same answer, and no clear-text user ID is logged")
    func sameAnswer() async throws {
        let f = try await ServiceFixture.make()
        #expect(try await f.login("wrong-password").rejection == .invalidCredentials)
        #expect(try await f.login("Correct-Horse-77", userID: "HanakoSuzuki").rejection == .invalidCredentials)
        #expect(try await f.login("x", userID: "").rejection == .invalidCredentials)
        let unknown = try #require(try await f.events().last)
        #expect(unknown.event.details["reason"] == "unknown-user")
        #expect(unknown.event.userID == nil)
        #expect(try await f.events().allSatisfy { !String(describing: $0.event).contains("HanakoSuzuki") })
    }

    @Test("five wrong passwords lock the account; the right one is refused while locked; the lock expires")
    func lockout() async throws {
        let f = try await ServiceFixture.make()
        for _ in 0..<4 { #expect(try await f.login("nope").rejection == .invalidCredentials) }
        #expect(try await f.login("nope").rejection == .locked(until: t0.addingTimeInterval(900)))
        #expect(try await f.store.account(id: f.accountID)?.status == .temporarilyLocked)
        #expect(try await f.login("Correct-Horse-77", at: t0.addingTimeInterval(60)).rejection == .locked(until: t0.addingTimeInterval(900)))
        #expect(try await f.login("Correct-Horse-77", at: t0.addingTimeInterval(901)).token != nil)
        #expect(try await f.store.account(id: f.accountID)?.status == .active)
        let kinds = try await f.events().map(\.event.kind)
        #expect(kinds.contains(.lockApplied) && kinds.contains(.lockExpired))
    }

    @Test("ten failures lock until the support desk unlocks, and the unlock is recorded with the operator")
    func permanentLock() async throws {
        let f = try await ServiceFixture.make()
        var now = t0
        for _ in 0..<10 {
            if case let .locked(until?) = try await f.login("nope", at: now).rejection { now = until }
        }
        #expect(try await f.login("Correct-Horse-77", at: now.addingTimeInterval(86_400 * 30)).rejection == .locked(until: nil))
        #expect(try await f.store.account(id: f.accountID)?.status == .locked)
        #expect(try await f.service.unlock(accountID: f.accountID, operatorID: "desk-042", at: now))
        #expect(try await f.login("Correct-Horse-77", at: now).token != nil)
        let unlock = try #require(try await f.events().first { $0.event.kind == .unlocked })
        #expect(unlock.event.operatorID == "desk-042")
    }

    @Test("100 wrong passwords sent at once reach the hash check no more than 5 times")
    func parallelGuesses() async throws {
        let f = try await ServiceFixture.make()
        let outcomes = try await withThrowingTaskGroup(of: LoginRejection?.self) { group in
            for i in 0..<100 {
                let client = ClientInfo(address: "192.0.2.\(i % 250)")
                group.addTask { try await f.login("guess-\(i)", from: client).rejection }
            }
            return try await group.reduce(into: [LoginRejection?]()) { $0.append($1) }
        }
        #expect(outcomes.allSatisfy { $0 != nil })
        let checked = try await f.events().filter { $0.event.details["reason"] == "wrong-password" }
        #expect(checked.count == 5)
        #expect(try await f.store.account(id: f.accountID)?.passwordCounter.failures == 5)
        #expect(try await f.chainVerdict() == .intact(entries: Int64(try await f.events().count)))
    }

    @Test("twenty failures from one address, across user IDs, throttle that address only")
    func addressThrottle() async throws {
        let f = try await ServiceFixture.make()
        let attacker = ClientInfo(address: "203.0.113.66")
        for i in 0..<20 {
            #expect(try await f.login("pw", userID: "user\(i)", at: t0.addingTimeInterval(Double(i)), from: attacker).rejection == .invalidCredentials)
        }
        let throttled = try await f.login("Correct-Horse-77", at: t0.addingTimeInterval(30), from: attacker).rejection
        #expect(throttled == .addressThrottled(retryAfter: t0.addingTimeInterval(630)))
        #expect(try await f.login("Correct-Horse-77", at: t0.addingTimeInterval(30)).token != nil)
        #expect(try await f.login("Correct-Horse-77", at: t0.addingTimeInterval(620), from: attacker).token != nil)
    }

    @Test("a hash with outdated parameters is replaced at login")
    func rehash() async throws {
        let f = try await ServiceFixture.make()
        var old = PasswordHasher.Configuration()
        old.memoryKiB = 32
        old.iterations = 1
        let outdated = try PasswordHasher(configuration: old).hash("Correct-Horse-77")
        try await f.store.mutateAccount(id: f.accountID) { record -> AccountMutation<Void> in
            record.passwordHash = outdated
            return AccountMutation(result: ())
        }
        #expect(try await f.login("Correct-Horse-77").token != nil)
        let stored = try #require(try await f.store.account(id: f.accountID)?.passwordHash)
        #expect(stored != outdated && stored.contains("m=64,t=1"))
        #expect(try await f.login("Correct-Horse-77").token != nil)
    }
}

@Suite("AccountService: sessions, step-up, phone PIN")
struct SessionAndPINTests {
    let t0 = ServiceFixture.t0

    @Test("a session validates until logout; the old token is useless afterwards")
    func logout() async throws {
        let f = try await ServiceFixture.make()
        let token = try #require(try await f.login("Correct-Horse-77").token)
        guard case .valid = try await f.service.validateSession(token: token, at: t0.addingTimeInterval(5)) else {
            Issue.record("session not valid"); return
        }
        #expect(try await f.service.logout(token: token, client: ServiceFixture.client, at: t0.addingTimeInterval(10)))
        #expect(try await f.service.validateSession(token: token, at: t0.addingTimeInterval(11)) == .invalid)
        #expect(try await f.service.validateSession(token: "not-a-token", at: t0) == .invalid)
        #expect(try await f.service.validateSession(token: String(repeating: "A", count: 43), at: t0) == .invalid)
    }

    @Test("idle and absolute timeouts end sessions; last-seen is written at most once a minute")
    func timeouts() async throws {
        let f = try await ServiceFixture.make()
        let token = try #require(try await f.login("Correct-Horse-77").token)
        guard case let .valid(s1) = try await f.service.validateSession(token: token, at: t0.addingTimeInterval(30)) else { return }
        #expect(s1.lastSeenAt == t0)
        guard case let .valid(s2) = try await f.service.validateSession(token: token, at: t0.addingTimeInterval(61)) else { return }
        #expect(s2.lastSeenAt == t0.addingTimeInterval(61))
        #expect(try await f.service.validateSession(token: token, at: t0.addingTimeInterval(61 + 1_801)) == .invalid)
        let ended = try #require(try await f.store.session(id: s1.id))
        #expect(ended.endReason == .idleTimeout)

        // Used every 20 minutes, a session still ends after 12 hours.
        let other = try #require(try await f.login("Correct-Horse-77").token)
        var now = t0
        while now < t0.addingTimeInterval(12 * 3600 - 1_200) {
            now = now.addingTimeInterval(1_200)
            guard case .valid = try await f.service.validateSession(token: other, at: now) else { Issue.record("ended early at \(now)"); return }
        }
        #expect(try await f.service.validateSession(token: other, at: t0.addingTimeInterval(12 * 3600)) == .invalid)
    }

    @Test("sessions list, end one, end all others")
    func sessionList() async throws {
        let f = try await ServiceFixture.make()
        var ids: [String] = []
        for i in 0..<3 {
            guard case let .authenticated(session, _) = try await f.login("Correct-Horse-77", at: t0.addingTimeInterval(Double(i))) else { return }
            ids.append(session.id)
        }
        #expect(try await f.service.liveSessions(ofAccount: f.accountID, at: t0.addingTimeInterval(10)).map(\.id) == ids.reversed())
        #expect(try await f.service.endSession(id: ids[0], ofAccount: f.accountID, reason: .endedByCustomer, at: t0.addingTimeInterval(10)))
        #expect(try await !f.service.endSession(id: ids[0], ofAccount: f.accountID, reason: .endedByCustomer, at: t0.addingTimeInterval(10)))
        #expect(try await !f.service.endSession(id: ids[1], ofAccount: "someone-else", reason: .endedByCustomer, at: t0.addingTimeInterval(10)))
        try await f.service.endSessions(ofAccount: f.accountID, keeping: ids[2], reason: .endedByCustomer, at: t0.addingTimeInterval(11))
        #expect(try await f.service.liveSessions(ofAccount: f.accountID, at: t0.addingTimeInterval(12)).map(\.id) == [ids[2]])
    }

    @Test("step-up: the right trading PIN grants one use of one action; wrong PINs lock the PIN, not the login")
    func stepUp() async throws {
        let f = try await ServiceFixture.make()
        guard case let .authenticated(session, token) = try await f.login("Correct-Horse-77") else { return }
        let granted = try await f.service.stepUp(sessionID: session.id, accountID: f.accountID, pin: "4826", action: .withdraw,
                                                 client: ServiceFixture.client, at: t0)
        #expect(granted == .granted(action: .withdraw, until: t0))
        #expect(try await f.service.consumeStepUp(sessionID: session.id, action: .withdraw, at: t0))
        #expect(try await !f.service.consumeStepUp(sessionID: session.id, action: .withdraw, at: t0))
        #expect(try await !f.service.consumeStepUp(sessionID: session.id, action: .placeOrder, at: t0))
        for _ in 0..<4 {
            #expect(try await f.service.stepUp(sessionID: session.id, accountID: f.accountID, pin: "0000", action: .withdraw,
                                               client: ServiceFixture.client, at: t0) == .wrongPIN)
        }
        #expect(try await f.service.stepUp(sessionID: session.id, accountID: f.accountID, pin: "0000", action: .withdraw,
                                           client: ServiceFixture.client, at: t0) == .locked(until: t0.addingTimeInterval(900)))
        #expect(try await f.service.stepUp(sessionID: session.id, accountID: f.accountID, pin: "4826", action: .withdraw,
                                           client: ServiceFixture.client, at: t0) == .locked(until: t0.addingTimeInterval(900)))
        guard case .valid = try await f.service.validateSession(token: token.text, at: t0) else { Issue.record("login ended"); return }
        #expect(try await f.store.account(id: f.accountID)?.status == .active)
        #expect(try await f.service.stepUp(sessionID: "no-such-session", accountID: f.accountID, pin: "4826", action: .withdraw,
                                           client: ServiceFixture.client, at: t0) == .invalidSession)
    }

    @Test("lasting step-up grants, when configured, cover the action until they end")
    func lastingGrant() async throws {
        let f = try await ServiceFixture.make { $0.stepUpGrantDuration = 300 }
        guard case let .authenticated(session, _) = try await f.login("Correct-Horse-77") else { return }
        _ = try await f.service.stepUp(sessionID: session.id, accountID: f.accountID, pin: "4826", action: .placeOrder,
                                       client: ServiceFixture.client, at: t0)
        #expect(try await f.service.consumeStepUp(sessionID: session.id, action: .placeOrder, at: t0.addingTimeInterval(100)))
        #expect(try await f.service.consumeStepUp(sessionID: session.id, action: .placeOrder, at: t0.addingTimeInterval(300)))
        #expect(try await !f.service.consumeStepUp(sessionID: session.id, action: .placeOrder, at: t0.addingTimeInterval(301)))
    }

    @Test("the phone PIN check is always recorded with the desk operator, and locks on its own")
    func phonePIN() async throws {
        let f = try await ServiceFixture.make()
        #expect(try await f.service.verifyPhonePIN(userID: "taroyamada", pin: "7391", operatorID: "desk-7", at: t0) == .match)
        #expect(try await f.service.verifyPhonePIN(userID: "taroyamada", pin: "1111", operatorID: "desk-7", at: t0) == .mismatch)
        #expect(try await f.service.verifyPhonePIN(userID: "nobody", pin: "7391", operatorID: "desk-7", at: t0) == .mismatch)
        let checks = try await f.events().filter { $0.event.kind == .phonePINChecked }
        #expect(checks.count == 3 && checks.allSatisfy { $0.event.operatorID == "desk-7" })
        #expect(checks.map { $0.event.details["result"] } == ["match", "mismatch", "unknown-user"])
        for _ in 0..<4 { _ = try await f.service.verifyPhonePIN(userID: "taroyamada", pin: "1111", operatorID: "desk-7", at: t0) }
        #expect(try await f.service.verifyPhonePIN(userID: "taroyamada", pin: "7391", operatorID: "desk-7", at: t0) == .locked(until: t0.addingTimeInterval(900)))
        #expect(try await f.login("Correct-Horse-77").token != nil)
    }

    @Test("an operator's lock ends every session")
    func operatorLock() async throws {
        let f = try await ServiceFixture.make()
        let token = try #require(try await f.login("Correct-Horse-77").token)
        try await f.service.lock(accountID: f.accountID, operatorID: "sec-1", reason: "reported phishing", at: t0)
        #expect(try await f.service.validateSession(token: token, at: t0) == .invalid)
        #expect(try await f.login("Correct-Horse-77").rejection == .locked(until: nil))
        #expect(try await f.chainVerdict() == .intact(entries: Int64(try await f.events().count)))
    }
}
