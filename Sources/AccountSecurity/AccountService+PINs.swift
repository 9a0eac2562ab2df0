public import Foundation
import PasswordHashing
import Storage

/// The result of a step-up with the trading PIN.
public enum StepUpOutcome: Sendable, Hashable {
    /// The PIN was right: the session may perform `action` (once, or until `until` when grants last).
    case granted(action: SensitiveAction, until: Date)
    /// The PIN was wrong.
    case wrongPIN
    /// The trading PIN is locked: until a time, or (nil) until the support desk unlocks it.
    case locked(until: Date?)
    /// The session is not live.
    case invalidSession
}

/// The result of the support desk's phone-PIN check.
public enum PhonePINOutcome: Sendable, Hashable {
    /// The caller gave the right phone PIN.
    case match
    /// The caller gave a wrong phone PIN (or the user ID does not exist: the desk hears the same).
    case mismatch
    /// The phone PIN is locked after repeated failures.
    case locked(until: Date?)
}

/// Which of the two PINs a check concerns.
enum PINKind: String {
    case trading = "trading-pin"
    case phone = "phone-pin"
}

extension AccountService {
    /// Asks for the trading PIN before a sensitive action (an order, a withdrawal, a change of the bank account).
    ///
    /// The trading PIN has its own failure counter and lock; a lock does not end the login session, it blocks
    /// sensitive actions until it expires or the support desk lifts it.
    public func stepUp(sessionID: String, accountID: String, pin: String, action: SensitiveAction,
                       client: ClientInfo, at now: Date) async throws -> StepUpOutcome {
        guard let session = try await store.session(id: sessionID), session.accountID == accountID, session.endedAt == nil,
              now < session.expiresAt else { return .invalidSession }
        switch try await checkPIN(.trading, accountID: accountID, pin: pin, client: client, operatorID: nil, at: now) {
        case .match:
            let until = now.addingTimeInterval(configuration.stepUpGrantDuration)
            try await store.mutateSession(id: sessionID) { record -> (result: Void, events: [AuditEvent]) in
                record.stepUpGrants[action.rawValue] = until
                return ((), [AuditEvent(kind: .stepUpGranted, time: now, accountID: accountID, clientAddress: client.address,
                                        details: ["session": sessionID, "action": action.rawValue])])
            }
            return .granted(action: action, until: until)
        case .mismatch:
            return .wrongPIN
        case let .locked(until):
            return .locked(until: until)
        }
    }

    /// Uses a step-up grant for `action`: true once per grant (or while a lasting grant runs), then false.
    public func consumeStepUp(sessionID: String, action: SensitiveAction, at now: Date) async throws -> Bool {
        let oneUse = configuration.stepUpGrantDuration == 0
        return try await store.mutateSession(id: sessionID) { record -> (result: Bool, events: [AuditEvent]) in
            guard record.endedAt == nil, let until = record.stepUpGrants[action.rawValue] else { return (false, []) }
            if oneUse {
                record.stepUpGrants[action.rawValue] = nil
                return (true, [])
            }
            guard now <= until else {
                record.stepUpGrants[action.rawValue] = nil
                return (false, [])
            }
            return (true, [])
        }
    }

    /// The support desk's check of a caller's phone PIN, always recorded with the operator's ID.
    public func verifyPhonePIN(userID: String, pin: String, operatorID: String, at now: Date) async throws -> PhonePINOutcome {
        guard let key = UserKey.make(userID), let account = try await store.account(userKey: key) else {
            _ = try? await hasher.verifyAsync(pin.isEmpty ? "0" : pin, against: decoyHash)
            try await store.appendEvents([AuditEvent(kind: .phonePINChecked, time: now, operatorID: operatorID,
                                                     details: ["result": "unknown-user", "user-id-digest": Self.digest(userID)])])
            return .mismatch
        }
        return try await checkPIN(.phone, accountID: account.id, pin: pin, client: nil, operatorID: operatorID, at: now)
    }

    /// Shared by both PINs: admit (counting the attempt), verify, then reset or count the failure and lock.
    private func checkPIN(_ kind: PINKind, accountID: String, pin: String, client: ClientInfo?, operatorID: String?,
                          at now: Date) async throws -> PhonePINOutcome {
        let policy = configuration.pinLockout
        let admitted = try await store.mutateAccount(id: accountID) { record -> AccountMutation<(AttemptAdmission, String)> in
            var events: [AuditEvent] = []
            var counter = kind == .trading ? record.tradingPINCounter : record.phonePINCounter
            if counter.lockExpired(at: now) {
                events.append(AuditEvent(kind: .lockExpired, time: now, accountID: record.id, details: ["credential": kind.rawValue]))
            }
            let admission = counter.admit(at: now, policy: policy)
            if admission != .admitted,
               let event = Self.pinEvent(kind, result: "locked", record: record, client: client, operatorID: operatorID, at: now) {
                events.append(event)
            }
            if kind == .trading { record.tradingPINCounter = counter } else { record.phonePINCounter = counter }
            return AccountMutation(result: (admission, kind == .trading ? record.tradingPINHash : record.phonePINHash), events: events)
        }
        switch admitted.0 {
        case .admitted: break
        case let .lockedUntil(until): return .locked(until: until)
        case .lockedUntilUnlocked: return .locked(until: nil)
        }
        let verdict: Bool
        do {
            verdict = try await hasher.verifyAsync(pin, against: admitted.1).isMatch
        } catch {
            verdict = false // an empty or overlong PIN is simply wrong
        }
        return try await store.mutateAccount(id: accountID) { record -> AccountMutation<PhonePINOutcome> in
            var counter = kind == .trading ? record.tradingPINCounter : record.phonePINCounter
            var events: [AuditEvent] = []
            let result: PhonePINOutcome
            if verdict {
                counter.recordSuccess()
                result = .match
                if let event = Self.pinEvent(kind, result: "match", record: record, client: client, operatorID: operatorID, at: now) {
                    events.append(event)
                }
            } else {
                if let event = Self.pinEvent(kind, result: "mismatch", record: record, client: client, operatorID: operatorID, at: now) {
                    events.append(event)
                }
                switch counter.recordFailure(at: now, policy: policy) {
                case .none:
                    result = .mismatch
                case let .temporaryLock(until):
                    result = .locked(until: until)
                    events.append(AuditEvent(kind: .lockApplied, time: now, accountID: record.id, operatorID: operatorID,
                                             details: ["credential": kind.rawValue, "kind": "temporary",
                                                       "until": String(until.millisecondsSince1970)]))
                case .permanentLock:
                    result = .locked(until: nil)
                    events.append(AuditEvent(kind: .lockApplied, time: now, accountID: record.id, operatorID: operatorID,
                                             details: ["credential": kind.rawValue, "kind": "until-unlocked"]))
                }
            }
            if kind == .trading { record.tradingPINCounter = counter } else { record.phonePINCounter = counter }
            return AccountMutation(result: result, events: events)
        }
    }

    /// The audit event of a PIN check; a successful trading-PIN check is recorded by its grant instead.
    private static func pinEvent(_ kind: PINKind, result: String, record: AccountRecord, client: ClientInfo?,
                                 operatorID: String?, at now: Date) -> AuditEvent? {
        switch kind {
        case .trading:
            result == "match" ? nil : AuditEvent(kind: .stepUpFailed, time: now, accountID: record.id,
                                                 clientAddress: client?.address, details: ["result": result])
        case .phone:
            AuditEvent(kind: .phonePINChecked, time: now, accountID: record.id, operatorID: operatorID, details: ["result": result])
        }
    }
}
