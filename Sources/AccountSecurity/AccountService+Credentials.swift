public import CredentialPolicy
public import Foundation
import PasswordHashing
import Storage

/// What a new customer gives at account opening.
public struct NewAccount: Sendable {
    public var userID: String
    public var displayName: String
    public var birthDate: BirthDate
    public var email: String
    public var phoneDigits: String
    public var password: String
    public var tradingPIN: String
    public var phonePIN: String

    /// Creates an opening request.
    public init(userID: String, displayName: String, birthDate: BirthDate, email: String, phoneDigits: String = "",
                password: String, tradingPIN: String, phonePIN: String) {
        self.userID = userID
        self.displayName = displayName
        self.birthDate = birthDate
        self.email = email
        self.phoneDigits = phoneDigits
        self.password = password
        self.tradingPIN = tradingPIN
        self.phonePIN = phonePIN
    }
}

/// The answer to an account opening or a credential change.
public enum CredentialChangeOutcome: Sendable, Hashable {
    /// Done; for an opening, the new account's id.
    case done(accountID: String)
    /// The credential rules refuse the choice: every broken rule, per credential.
    case rejected([CredentialKind: [PolicyViolation]])
    /// The user ID is taken (after NFKC and case folding) or is not a valid user ID.
    case userIDUnavailable
    /// A field other than the credentials is malformed (name, mail address, phone).
    case invalidField(String)
    /// The current credential given to authorize the change is wrong.
    case wrongCurrentCredential
    /// The credential is locked after repeated failures.
    case locked(until: Date?)
}

extension AccountService {
    /// Opens an account: the user ID and fields are checked, the three credentials go through the policy
    /// (each also compared with the other two), and only their hashes are stored, with the audit event.
    public func createAccount(_ request: NewAccount, at now: Date) async throws -> CredentialChangeOutcome {
        guard let key = UserKey.make(request.userID) else { return .userIDUnavailable }
        let name = request.displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.count), !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            return .invalidField("name")
        }
        let email = request.email.trimmingCharacters(in: .whitespaces)
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !email.contains(where: { $0.isWhitespace || $0.isNewline }) else { return .invalidField("email") }
        let phone = request.phoneDigits.filter { $0.isASCII && $0.isNumber }
        guard phone.count <= 20 else { return .invalidField("phone") }

        var rejected: [CredentialKind: [PolicyViolation]] = [:]
        let credentials: [(CredentialKind, String)] = [(.loginPassword, request.password), (.tradingPIN, request.tradingPIN),
                                                       (.phonePIN, request.phonePIN)]
        for (kind, value) in credentials {
            let others = credentials.filter { $0.0 != kind }.map { OtherCredential(kind: $0.0, value: .clear($0.1)) }
            let context = CredentialContext(kind: kind, userID: request.userID, birthDate: request.birthDate,
                                            phoneDigits: phone, otherCredentials: others)
            let verdict = try await policy.check(candidate: value, for: context)
            if !verdict.accepted { rejected[kind] = verdict.violations }
        }
        if !rejected.isEmpty {
            try await store.appendEvents([AuditEvent(kind: .policyRejected, time: now, details: [
                "action": "account-opening", "user-id-digest": Self.digest(request.userID),
                "codes": rejected.sorted { $0.key.rawValue < $1.key.rawValue }
                    .map { "\($0.key.rawValue):" + $0.value.map(\.code.rawValue).joined(separator: ",") }.joined(separator: ";"),
            ])])
            return .rejected(rejected)
        }
        async let passwordHash = hasher.hashAsync(request.password)
        async let tradingHash = hasher.hashAsync(request.tradingPIN)
        async let phoneHash = hasher.hashAsync(request.phonePIN)
        let account = AccountRecord(
            id: UUID().uuidString.lowercased(), userID: request.userID, userKey: key, displayName: name,
            birthDate: request.birthDate.description, email: email, phoneDigits: phone, passwordHash: try await passwordHash,
            tradingPINHash: try await tradingHash, phonePINHash: try await phoneHash, createdAt: now)
        do {
            try await store.createAccount(account, event: AuditEvent(kind: .accountCreated, time: now, accountID: account.id))
        } catch let error as StoreError where error.code == .duplicateUserID {
            return .userIDUnavailable
        }
        return .done(accountID: account.id)
    }

    /// Changes the login password: the current one must be given (and counts toward the lock when wrong), the new
    /// one goes through the policy (history, PINs), and every other session of the account ends.
    public func changePassword(accountID: String, keepingSession sessionID: String?, current: String, new: String,
                               client: ClientInfo, at now: Date) async throws -> CredentialChangeOutcome {
        try await change(.loginPassword, accountID: accountID, keepingSession: sessionID, current: current, new: new,
                         client: client, at: now)
    }

    /// Changes the trading PIN or the phone PIN, authorized by its current value.
    public func changePIN(_ kind: CredentialKind, accountID: String, current: String, new: String,
                          client: ClientInfo, at now: Date) async throws -> CredentialChangeOutcome {
        precondition(kind != .loginPassword, "use changePassword for the login password")
        return try await change(kind, accountID: accountID, keepingSession: nil, current: current, new: new, client: client, at: now)
    }

    private func change(_ kind: CredentialKind, accountID: String, keepingSession sessionID: String?, current: String,
                        new: String, client: ClientInfo, at now: Date) async throws -> CredentialChangeOutcome {
        guard let account = try await store.account(id: accountID) else { throw StoreError(.notFound, "no account with this id") }
        // Authorize with the current value, counted like any other attempt.
        let lockout = kind == .loginPassword ? configuration.passwordLockout : configuration.pinLockout
        let admission = try await store.mutateAccount(id: accountID) { record -> AccountMutation<AttemptAdmission> in
            var counter = Self.counter(kind, of: record)
            let admission = counter.admit(at: now, policy: lockout)
            Self.setCounter(kind, counter, on: &record)
            return AccountMutation(result: admission)
        }
        switch admission {
        case .admitted: break
        case let .lockedUntil(until): return .locked(until: until)
        case .lockedUntilUnlocked: return .locked(until: nil)
        }
        let currentHash = Self.hash(kind, of: account)
        let authorized = (try? await hasher.verifyAsync(current, against: currentHash).isMatch) ?? false
        guard authorized else {
            let locked = try await store.mutateAccount(id: accountID) { record -> AccountMutation<FailureCounter.FailureOutcome> in
                var counter = Self.counter(kind, of: record)
                let outcome = counter.recordFailure(at: now, policy: lockout)
                Self.setCounter(kind, counter, on: &record)
                if kind == .loginPassword { record.status = Self.status(of: record.passwordCounter, administrative: record.status, at: now) }
                var events = [AuditEvent(kind: kind == .loginPassword ? .loginFailed : .stepUpFailed, time: now, accountID: record.id,
                                         clientAddress: client.address, details: ["reason": "wrong-current-credential", "credential": kind.rawValue])]
                if outcome != .none {
                    events.append(AuditEvent(kind: .lockApplied, time: now, accountID: record.id, clientAddress: client.address,
                                             details: ["credential": kind.rawValue]))
                }
                return AccountMutation(result: outcome, events: events)
            }
            switch locked {
            case .none: return .wrongCurrentCredential
            case let .temporaryLock(until): return .locked(until: until)
            case .permanentLock: return .locked(until: nil)
            }
        }

        var others: [OtherCredential] = []
        for other in CredentialKind.allCases where other != kind {
            others.append(OtherCredential(kind: other, value: .hashed(Self.hash(other, of: account))))
        }
        let history = kind == .loginPassword ? [account.passwordHash] + account.passwordHistory : []
        if kind != .loginPassword { others.append(OtherCredential(kind: kind, value: .hashed(currentHash))) }
        let context = CredentialContext(kind: kind, userID: account.userID, birthDate: BirthDate(iso: account.birthDate),
                                        phoneDigits: account.phoneDigits, passwordHistory: history, otherCredentials: others)
        let verdict = try await policy.check(candidate: new, for: context)
        guard verdict.accepted else {
            try await store.mutateAccount(id: accountID) { record -> AccountMutation<Void> in
                var counter = Self.counter(kind, of: record)
                counter.recordSuccess() // the current value was right
                Self.setCounter(kind, counter, on: &record)
                return AccountMutation(result: (), events: [AuditEvent(
                    kind: .policyRejected, time: now, accountID: record.id, clientAddress: client.address,
                    details: ["credential": kind.rawValue, "codes": verdict.violations.map(\.code.rawValue).joined(separator: ",")])])
            }
            return .rejected([kind: verdict.violations])
        }
        let newHash = try await hasher.hashAsync(new)
        let keep = configuration.passwordHistoryLength
        let changed = try await store.mutateAccount(id: accountID) { record -> AccountMutation<Bool> in
            // Someone changed it meanwhile: refuse rather than overwrite a change we did not authorize.
            guard Self.hash(kind, of: record) == currentHash else { return AccountMutation(result: false, writeRecord: false) }
            var counter = Self.counter(kind, of: record)
            counter.recordSuccess()
            Self.setCounter(kind, counter, on: &record)
            var ending: SessionEnding?
            switch kind {
            case .loginPassword:
                record.passwordHistory = Array(([record.passwordHash] + record.passwordHistory).prefix(keep))
                record.passwordHash = newHash
                record.passwordChangedAt = now
                record.passwordChangeRequired = false
                record.status = Self.status(of: record.passwordCounter, administrative: record.status, at: now)
                ending = SessionEnding(except: sessionID, reason: .passwordChanged, at: now)
            case .tradingPIN:
                record.tradingPINHash = newHash
                record.tradingPINChangedAt = now
            case .phonePIN:
                record.phonePINHash = newHash
                record.phonePINChangedAt = now
            }
            return AccountMutation(result: true, events: [AuditEvent(kind: .credentialChanged, time: now, accountID: record.id,
                                                                     clientAddress: client.address, details: ["credential": kind.rawValue])],
                                   endSessions: ending)
        }
        return changed ? .done(accountID: accountID) : .wrongCurrentCredential
    }

    static func counter(_ kind: CredentialKind, of record: AccountRecord) -> FailureCounter {
        switch kind {
        case .loginPassword: record.passwordCounter
        case .tradingPIN: record.tradingPINCounter
        case .phonePIN: record.phonePINCounter
        }
    }

    static func setCounter(_ kind: CredentialKind, _ counter: FailureCounter, on record: inout AccountRecord) {
        switch kind {
        case .loginPassword: record.passwordCounter = counter
        case .tradingPIN: record.tradingPINCounter = counter
        case .phonePIN: record.phonePINCounter = counter
        }
    }

    static func hash(_ kind: CredentialKind, of record: AccountRecord) -> String {
        switch kind {
        case .loginPassword: record.passwordHash
        case .tradingPIN: record.tradingPINHash
        case .phonePIN: record.phonePINHash
        }
    }
}
