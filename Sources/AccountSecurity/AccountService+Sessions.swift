public import Foundation
public import Storage

/// The result of presenting a session token.
public enum SessionValidation: Sendable, Hashable {
    /// The session is live; its record (last-seen time possibly refreshed).
    case valid(SessionRecord)
    /// No such session, or it ended (logout, timeout, ended elsewhere). The client must log in again.
    case invalid
}

extension AccountService {
    /// A new session record and its token, for an authenticated account (stored by the caller's transaction).
    func newSession(accountID: String, client: ClientInfo, at now: Date) -> (SessionRecord, SessionToken) {
        var generator = SystemRandomNumberGenerator()
        let token = SessionToken.generate(using: &generator)
        let session = SessionRecord(
            id: UUID().uuidString.lowercased(), accountID: accountID, tokenHash: token.hash, createdAt: now,
            expiresAt: now.addingTimeInterval(configuration.sessionLifetime), clientAddress: client.address,
            userAgent: client.userAgent, deviceLabel: client.deviceLabel)
        return (session, token)
    }

    /// Checks a presented token: live, not idle too long, not past its lifetime.
    ///
    /// An idle or expired session is ended on the spot (and recorded), so it cannot come back. The last-seen
    /// time is written at most once per ``AccountSecurityConfiguration/sessionTouchInterval``, which keeps a
    /// busy session from turning every request into a database write.
    public func validateSession(token text: String, at now: Date) async throws -> SessionValidation {
        guard let token = SessionToken(presented: text), let session = try await store.session(tokenHash: token.hash),
              session.endedAt == nil else { return .invalid }
        let idleLimit = configuration.sessionIdleTimeout
        let touchInterval = configuration.sessionTouchInterval
        // Most requests change nothing: decide on the read, and write only to end or to touch the session.
        if now < session.expiresAt, now.timeIntervalSince(session.lastSeenAt) <= idleLimit,
           now.timeIntervalSince(session.lastSeenAt) < touchInterval {
            return .valid(session)
        }
        let (valid, record) = try await store.mutateSession(id: session.id) { record -> (result: (Bool, SessionRecord), events: [AuditEvent]) in
            guard record.endedAt == nil else { return ((false, record), []) }
            let reason: SessionRecord.EndReason?
            if now >= record.expiresAt {
                reason = .absoluteTimeout
            } else if now.timeIntervalSince(record.lastSeenAt) > idleLimit {
                reason = .idleTimeout
            } else {
                reason = nil
            }
            if let reason {
                record.endedAt = now
                record.endReason = reason
                return ((false, record), [AuditEvent(kind: .sessionEnded, time: now, accountID: record.accountID,
                                                     details: ["session": record.id, "reason": reason.rawValue])])
            }
            if now.timeIntervalSince(record.lastSeenAt) >= touchInterval {
                record.lastSeenAt = now
            }
            return ((true, record), [])
        }
        return valid ? .valid(record) : .invalid
    }

    /// Ends one session: logout (by its own token) or "end this" from the session list (by id).
    ///
    /// - Returns: false when the session did not exist, was already ended, or belongs to another account.
    @discardableResult
    public func endSession(id: String, ofAccount accountID: String, reason: SessionRecord.EndReason,
                           client: ClientInfo? = nil, operatorID: String? = nil, at now: Date) async throws -> Bool {
        guard let session = try await store.session(id: id), session.accountID == accountID else { return false }
        return try await store.mutateSession(id: id) { record -> (result: Bool, events: [AuditEvent]) in
            guard record.endedAt == nil else { return (false, []) }
            record.endedAt = now
            record.endReason = reason
            return (true, [AuditEvent(kind: .sessionEnded, time: now, accountID: accountID, clientAddress: client?.address,
                                      operatorID: operatorID, details: ["session": id, "reason": reason.rawValue])])
        }
    }

    /// Logout: ends the session the token belongs to. The token is useless afterwards.
    @discardableResult
    public func logout(token text: String, client: ClientInfo, at now: Date) async throws -> Bool {
        guard let token = SessionToken(presented: text), let session = try await store.session(tokenHash: token.hash) else {
            return false
        }
        return try await endSession(id: session.id, ofAccount: session.accountID, reason: .logout, client: client, at: now)
    }

    /// Ends every live session of the account except `keeping` ("log out of all other sessions"), or all when nil.
    public func endSessions(ofAccount accountID: String, keeping: String?, reason: SessionRecord.EndReason,
                            operatorID: String? = nil, at now: Date) async throws {
        try await store.mutateAccount(id: accountID) { record -> AccountMutation<Void> in
            AccountMutation(result: (), events: [],
                            endSessions: SessionEnding(except: keeping, reason: reason, at: now, operatorID: operatorID),
                            writeRecord: false)
        }
    }

    /// The account's live sessions, newest first, leaving out those already past their timeouts.
    public func liveSessions(ofAccount accountID: String, at now: Date) async throws -> [SessionRecord] {
        try await store.liveSessions(accountID: accountID).filter {
            now < $0.expiresAt && now.timeIntervalSince($0.lastSeenAt) <= configuration.sessionIdleTimeout
        }
    }
}
