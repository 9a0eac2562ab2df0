public import Foundation
public import Storage

extension AccountService {
    /// The account with this user ID (as typed: it is normalized), or nil.
    public func account(userID: String) async throws -> AccountRecord? {
        guard let key = UserKey.make(userID) else { return nil }
        return try await store.account(userKey: key)
    }

    /// Locks an account until it is unlocked (an operator's decision, for example after a reported theft),
    /// ending all of its sessions.
    public func lock(accountID: String, operatorID: String, reason: String, at now: Date) async throws {
        try await store.mutateAccount(id: accountID) { record -> AccountMutation<Void> in
            record.passwordCounter.permanentlyLocked = true
            record.status = Self.status(of: record.passwordCounter, administrative: record.status, at: now)
            return AccountMutation(result: (), events: [AuditEvent(
                kind: .lockApplied, time: now, accountID: record.id, operatorID: operatorID,
                details: ["credential": "password", "kind": "by-operator", "reason": String(reason.prefix(200))])],
                endSessions: SessionEnding(reason: .accountLocked, at: now, operatorID: operatorID))
        }
    }

    /// Lifts every lock of the account (login password, trading PIN, phone PIN) and resets their counters;
    /// the support desk's action, always recorded with the operator's ID.
    ///
    /// - Returns: false when nothing was locked (nothing is written then).
    @discardableResult
    public func unlock(accountID: String, operatorID: String, at now: Date) async throws -> Bool {
        try await store.mutateAccount(id: accountID) { record -> AccountMutation<Bool> in
            let counters = [record.passwordCounter, record.tradingPINCounter, record.phonePINCounter]
            let wasLocked = counters.contains { $0.permanentlyLocked || ($0.lockedUntil.map { $0 > now } ?? false) }
            guard wasLocked else { return AccountMutation(result: false, writeRecord: false) }
            record.passwordCounter = FailureCounter()
            record.tradingPINCounter = FailureCounter()
            record.phonePINCounter = FailureCounter()
            record.status = Self.status(of: record.passwordCounter, administrative: record.status, at: now)
            return AccountMutation(result: true, events: [AuditEvent(kind: .unlocked, time: now, accountID: record.id,
                                                                     operatorID: operatorID)])
        }
    }
}
