public import Foundation

/// What a change to an account decided, besides the new record: the audit events that record it and the
/// sessions that must end with it. Applied in the same transaction as the change.
public struct AccountMutation<Result: Sendable>: Sendable {
    /// Returned to the caller after the commit.
    public var result: Result
    /// Appended to the audit log in the same transaction.
    public var events: [AuditEvent]
    /// Sessions to end in the same transaction, if any.
    public var endSessions: SessionEnding?
    /// A session to open in the same transaction (a successful login), if any.
    public var createSession: SessionRecord?
    /// Whether the record changed and must be written (false for a pure check).
    public var writeRecord: Bool

    /// Creates a mutation outcome.
    public init(result: Result, events: [AuditEvent] = [], endSessions: SessionEnding? = nil,
                createSession: SessionRecord? = nil, writeRecord: Bool = true) {
        self.result = result
        self.events = events
        self.endSessions = endSessions
        self.createSession = createSession
        self.writeRecord = writeRecord
    }
}

/// Which of an account's live sessions to end, and why.
public struct SessionEnding: Sendable, Hashable {
    /// End every live session of the account except this one (nil: all).
    public var except: String?
    /// Recorded on each ended session.
    public var reason: SessionRecord.EndReason
    /// When the sessions end.
    public var time: Date
    /// The operator who ended them, if any.
    public var operatorID: String?

    /// Creates a session ending.
    public init(except: String? = nil, reason: SessionRecord.EndReason, at time: Date, operatorID: String? = nil) {
        self.except = except
        self.reason = reason
        self.time = time
        self.operatorID = operatorID
    }
}

/// The one contract every store of Moat fulfils: SQLite (the embedded default) and PostgreSQL (several
/// servers sharing one database).
///
/// Every method is one transaction. Changes to accounts and sessions carry their audit events, which are
/// appended to the hash chain in the same transaction, so there is never a change without its record nor a
/// record without its change. Read-modify-write goes through closures that run while the row is locked, so
/// that counters stay exact when requests race, also across servers.
public protocol SecurityStore: Sendable {
    /// Inserts a new account and its audit event.
    /// - Throws: ``StoreError/Code/duplicateUserID`` when the user key is taken.
    func createAccount(_ account: AccountRecord, event: AuditEvent) async throws

    /// The account with this internal id.
    func account(id: String) async throws -> AccountRecord?

    /// The account with this normalized login name.
    func account(userKey: String) async throws -> AccountRecord?

    /// Reads the account with the row locked, applies `change`, writes the record, ends sessions and appends
    /// events as the change decides, and commits; all or nothing.
    /// - Throws: ``StoreError/Code/notFound``, or whatever `change` throws (then nothing is written).
    func mutateAccount<Result: Sendable>(
        id: String, _ change: @escaping @Sendable (inout AccountRecord) throws -> AccountMutation<Result>
    ) async throws -> Result

    /// Inserts a session and its audit event.
    func createSession(_ session: SessionRecord, event: AuditEvent?) async throws

    /// The session whose token has this SHA-256, live or ended.
    func session(tokenHash: [UInt8]) async throws -> SessionRecord?

    /// The session with this id.
    func session(id: String) async throws -> SessionRecord?

    /// An account's live sessions, newest first.
    func liveSessions(accountID: String) async throws -> [SessionRecord]

    /// Reads the session with the row locked, applies `change`, writes it back and appends `events`.
    func mutateSession<Result: Sendable>(
        id: String, _ change: @escaping @Sendable (inout SessionRecord) throws -> (result: Result, events: [AuditEvent])
    ) async throws -> Result

    /// Records a failed attempt from `address` at `time` and returns the number of failures from that address
    /// within `window` before and including it (a sliding window shared by every server).
    func recordAddressFailure(address: String, at time: Date, window: TimeInterval) async throws -> Int

    /// The number of failures from `address` within `window` before `time`, without recording one.
    func addressFailures(address: String, at time: Date, window: TimeInterval) async throws -> Int

    /// Appends events that concern no account row (for example a failure for an unknown user ID).
    func appendEvents(_ events: [AuditEvent]) async throws

    /// Audit entries with sequence ≥ `from`, in order, at most `limit`.
    func auditEntries(from sequence: Int64, limit: Int) async throws -> [AuditEntry]

    /// The stored head of the audit chain.
    func auditHead() async throws -> AuditHead
}

/// A failure window beyond a year is a configuration mistake (and beyond Int64 milliseconds a crash): every
/// store refuses it before computing with it.
func checkFailureWindow(_ window: TimeInterval) throws {
    guard window.isFinite, window >= 0, window <= 366 * 86_400 else {
        throw StoreError(.invalidConfiguration, "the failure window must be between 0 and 366 days")
    }
}
