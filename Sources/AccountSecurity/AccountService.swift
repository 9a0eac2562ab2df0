import Crypto
public import CredentialPolicy
public import Foundation
public import PasswordHashing
public import Storage

/// The account rules of Moat: login with lockout and throttling, sessions, trading-PIN step-up, the phone
/// PIN for the support desk, and the audit events of each, over any ``Storage/SecurityStore``.
///
/// Every method takes the current time as a parameter, so that timeouts and locks are tested without
/// waiting; hashing runs on a thread pool (``PasswordHasher/verifyAsync(_:against:)``).
public struct AccountService: Sendable {
    /// The store.
    public let store: any SecurityStore
    /// The hasher of every credential.
    public let hasher: PasswordHasher
    /// The rules in force.
    public let configuration: AccountSecurityConfiguration
    /// The rules for choosing credentials (its hasher is this service's).
    public let policy: CredentialPolicy
    /// A hash of a random password made at start-up: unknown user IDs are checked against it, so that they
    /// cost the same time as a wrong password.
    let decoyHash: String

    /// Creates the service; computes one hash for the decoy.
    ///
    /// - Parameter policy: the credential rules; by default the notice's, with `historyLength` taken from the
    ///   configuration. The service sets the policy's hasher to its own.
    public init(store: any SecurityStore, hasher: PasswordHasher, configuration: AccountSecurityConfiguration = .init(),
                policy: CredentialPolicy.Configuration = .init()) throws {
        self.store = store
        self.hasher = hasher
        self.configuration = configuration
        var policy = policy
        policy.hasher = hasher
        policy.historyLength = configuration.passwordHistoryLength
        self.policy = CredentialPolicy(configuration: policy)
        var generator = SystemRandomNumberGenerator()
        let decoy = (0..<24).map { _ in Character(Unicode.Scalar(UInt8.random(in: 0x61...0x7A, using: &generator))) }
        self.decoyHash = try hasher.hash(String(decoy))
    }
}

/// The answer to a login attempt.
public enum LoginOutcome: Sendable {
    /// Logged in: the new session and the token to hand to the client.
    case authenticated(session: SessionRecord, token: SessionToken)
    /// Refused.
    case rejected(LoginRejection)
}

/// Why a login was refused. Unknown user IDs and wrong passwords give the same answer.
public enum LoginRejection: Sendable, Hashable {
    /// The user ID or the password is wrong (or the account does not exist).
    case invalidCredentials
    /// The account is locked: until a time, or (nil) until the support desk unlocks it.
    case locked(until: Date?)
    /// Too many failures from this client address; try again after the time given.
    case addressThrottled(retryAfter: Date)
}

extension AccountService {
    /// Checks a user ID and login password and, when they are right, opens a session.
    ///
    /// Order of the checks: the client address's failure window (credential stuffing), the account, its lock
    /// (the attempt is counted before the hash is checked, see ``Storage/FailureCounter``), the password, then
    /// the session. An unknown user ID is checked against a decoy hash and recorded as a failure of the address.
    public func login(userID: String, password: String, client: ClientInfo, at now: Date) async throws -> LoginOutcome {
        let recentFailures = try await store.addressFailures(address: client.address, at: now, window: configuration.addressWindow)
        if recentFailures >= configuration.addressFailureLimit {
            try await store.appendEvents([AuditEvent(kind: .loginFailed, time: now, clientAddress: client.address,
                                                     details: ["reason": "address-throttled", "user-id-digest": Self.digest(userID)])])
            return .rejected(.addressThrottled(retryAfter: now.addingTimeInterval(configuration.addressWindow)))
        }
        guard let key = UserKey.make(userID), let account = try await store.account(userKey: key),
              account.status != .closed else {
            _ = try? await hasher.verifyAsync(password, against: decoyHash)
            _ = try await store.recordAddressFailure(address: client.address, at: now, window: configuration.addressWindow)
            try await store.appendEvents([AuditEvent(kind: .loginFailed, time: now, clientAddress: client.address,
                                                     details: ["reason": "unknown-user", "user-id-digest": Self.digest(userID)])])
            return .rejected(.invalidCredentials)
        }

        let policy = configuration.passwordLockout
        let admission = try await store.mutateAccount(id: account.id) { record -> AccountMutation<(AttemptAdmission, String)> in
            var events: [AuditEvent] = []
            if record.status == .suspended {
                events.append(AuditEvent(kind: .loginFailed, time: now, accountID: record.id, clientAddress: client.address,
                                         details: ["reason": "suspended"]))
                return AccountMutation(result: (.lockedUntilUnlocked, record.passwordHash), events: events)
            }
            if record.passwordCounter.lockExpired(at: now) {
                events.append(AuditEvent(kind: .lockExpired, time: now, accountID: record.id, details: ["credential": "password"]))
            }
            let admission = record.passwordCounter.admit(at: now, policy: policy)
            record.status = Self.status(of: record.passwordCounter, administrative: record.status, at: now)
            if admission != .admitted {
                events.append(AuditEvent(kind: .loginFailed, time: now, accountID: record.id, clientAddress: client.address,
                                         details: ["reason": "locked"]))
            }
            return AccountMutation(result: (admission, record.passwordHash), events: events)
        }
        switch admission.0 {
        case .admitted:
            break
        case let .lockedUntil(until):
            return .rejected(.locked(until: until))
        case .lockedUntilUnlocked:
            return .rejected(.locked(until: nil))
        }

        let verdict = try await hasher.verifyAsync(password, against: admission.1)
        guard verdict.isMatch else {
            return try await recordPasswordFailure(accountID: account.id, client: client, at: now)
        }
        let upgraded = verdict == .matchRehashAdvised ? try? await hasher.hashAsync(password) : nil
        let storedHash = admission.1
        let (session, token) = newSession(accountID: account.id, client: client, at: now)
        // The reset, the hash upgrade, the new session and their events: one transaction.
        try await store.mutateAccount(id: account.id) { record -> AccountMutation<Void> in
            record.passwordCounter.recordSuccess()
            record.status = Self.status(of: record.passwordCounter, administrative: record.status, at: now)
            record.lastLoginAt = now
            var events: [AuditEvent] = []
            // Replace an outdated hash, unless the password changed meanwhile.
            if let upgraded, record.passwordHash == storedHash {
                record.passwordHash = upgraded
                events.append(AuditEvent(kind: .credentialChanged, time: now, accountID: record.id,
                                         details: ["credential": "password", "reason": "rehash"]))
            }
            events.append(AuditEvent(kind: .loginSucceeded, time: now, accountID: record.id, clientAddress: client.address,
                                     details: ["session": session.id, "device": client.deviceLabel]))
            return AccountMutation(result: (), events: events, createSession: session)
        }
        return .authenticated(session: session, token: token)
    }

    private func recordPasswordFailure(accountID: String, client: ClientInfo, at now: Date) async throws -> LoginOutcome {
        let policy = configuration.passwordLockout
        let outcome = try await store.mutateAccount(id: accountID) { record -> AccountMutation<FailureCounter.FailureOutcome> in
            let outcome = record.passwordCounter.recordFailure(at: now, policy: policy)
            record.status = Self.status(of: record.passwordCounter, administrative: record.status, at: now)
            var events = [AuditEvent(kind: .loginFailed, time: now, accountID: record.id, clientAddress: client.address,
                                     details: ["reason": "wrong-password", "failures": String(record.passwordCounter.failures)])]
            var ending: SessionEnding?
            switch outcome {
            case .none:
                break
            case let .temporaryLock(until):
                events.append(AuditEvent(kind: .lockApplied, time: now, accountID: record.id, clientAddress: client.address,
                                         details: ["credential": "password", "kind": "temporary",
                                                   "until": String(until.millisecondsSince1970)]))
            case .permanentLock:
                events.append(AuditEvent(kind: .lockApplied, time: now, accountID: record.id, clientAddress: client.address,
                                         details: ["credential": "password", "kind": "until-unlocked"]))
                ending = SessionEnding(reason: .accountLocked, at: now)
            }
            return AccountMutation(result: outcome, events: events, endSessions: ending)
        }
        _ = try await store.recordAddressFailure(address: client.address, at: now, window: configuration.addressWindow)
        switch outcome {
        case let .temporaryLock(until): return .rejected(.locked(until: until))
        case .permanentLock: return .rejected(.locked(until: nil))
        case .none: return .rejected(.invalidCredentials)
        }
    }

    /// The displayed status that follows from the password counter, keeping suspensions and closures.
    static func status(of counter: FailureCounter, administrative: AccountRecord.Status, at now: Date) -> AccountRecord.Status {
        switch administrative {
        case .suspended, .closed: return administrative
        default: break
        }
        if counter.permanentlyLocked { return .locked }
        if let until = counter.lockedUntil, until > now { return .temporarilyLocked }
        return .active
    }

    /// What the audit log keeps of a user ID that matches no account: the first 8 bytes of its SHA-256, in hex.
    ///
    /// Customers sometimes type their password into the user-ID field; recording unknown IDs as typed would
    /// put such passwords in the log in clear. The digest still lets an investigator see that one ID was tried
    /// many times, and check whether a suspected ID was among them.
    static func digest(_ userID: String) -> String {
        let key = UserKey.make(userID) ?? userID
        return SHA256.hash(data: Array(key.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }
}
