public import Foundation

/// A customer's account as stored: identity, status, credential hashes and the counters that stop guessing.
///
/// Every credential field holds a PHC hash string, never the credential. The record is a plain value; the
/// rules that change it (lockout, history, reminders) live in AccountSecurity and are applied inside
/// ``SecurityStore/mutateAccount(id:at:_:)`` so that a read, the change and its audit entries form one
/// transaction.
public struct AccountRecord: Sendable, Hashable, Codable {
    /// Status of an account; locks are applied by AccountSecurity, lifted by time or by the support desk.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Can log in.
        case active
        /// Locked after repeated failures until the end in ``AccountRecord/passwordCounter``.
        case temporarilyLocked = "temporarily-locked"
        /// Locked until the support desk unlocks it.
        case locked
        /// Suspended by the broker.
        case suspended
        /// Closed; kept for the audit trail.
        case closed
    }

    /// Stable internal identifier (a UUID string); never shown as a login name.
    public var id: String
    /// The login name as the customer chose it.
    public var userID: String
    /// The login name compared for uniqueness and at login: NFKC, then case-folded.
    public var userKey: String
    /// The name shown to the customer and the support desk.
    public var displayName: String
    /// Birth date as `YYYY-MM-DD`.
    public var birthDate: String
    /// Registered mail address, for notices.
    public var email: String
    /// Registered phone number, digits only; empty when none.
    public var phoneDigits: String
    public var status: Status
    /// The login password's failure counter; its locks are mirrored in ``status``.
    public var passwordCounter: FailureCounter

    /// The login password's hash.
    public var passwordHash: String
    /// Hashes of earlier login passwords, newest first.
    public var passwordHistory: [String]
    /// The trading PIN's hash (asked again before orders, withdrawals and bank-account changes).
    public var tradingPINHash: String
    /// The trading PIN's own failure counter: a locked PIN blocks sensitive actions, not the login.
    public var tradingPINCounter: FailureCounter
    /// The phone PIN's hash (the support desk's check of a caller).
    public var phonePINHash: String
    /// The phone PIN's own failure counter.
    public var phonePINCounter: FailureCounter

    /// When the account was created.
    public var createdAt: Date
    /// The last successful login.
    public var lastLoginAt: Date?
    /// Last change of the login password (for change reminders).
    public var passwordChangedAt: Date
    /// Last change of the trading PIN.
    public var tradingPINChangedAt: Date
    /// Last change of the phone PIN.
    public var phonePINChangedAt: Date
    /// Set when a compromise is known: the next login must change the password.
    public var passwordChangeRequired: Bool
    /// Registered second factors (passkeys, TOTP) as an opaque JSON document owned by their components.
    public var secondFactors: String

    /// Creates a record with fresh counters.
    public init(id: String, userID: String, userKey: String, displayName: String, birthDate: String, email: String,
                phoneDigits: String, passwordHash: String, tradingPINHash: String, phonePINHash: String, createdAt: Date) {
        self.id = id
        self.userID = userID
        self.userKey = userKey
        self.displayName = displayName
        self.birthDate = birthDate
        self.email = email
        self.phoneDigits = phoneDigits
        self.status = .active
        self.passwordCounter = FailureCounter()
        self.passwordHash = passwordHash
        self.passwordHistory = []
        self.tradingPINHash = tradingPINHash
        self.tradingPINCounter = FailureCounter()
        self.phonePINHash = phonePINHash
        self.phonePINCounter = FailureCounter()
        self.createdAt = createdAt
        self.lastLoginAt = nil
        self.passwordChangedAt = createdAt
        self.tradingPINChangedAt = createdAt
        self.phonePINChangedAt = createdAt
        self.passwordChangeRequired = false
        self.secondFactors = "{}"
    }
}

/// Consecutive failures of one credential and the lock they led to. The rules that move it live in
/// AccountSecurity (`LockoutPolicy`); the store only keeps it.
public struct FailureCounter: Sendable, Hashable, Codable {
    /// Failures (and attempts in flight) since the last success.
    public var failures: Int
    /// End of the current temporary lock.
    public var lockedUntil: Date?
    /// Temporary locks applied since the last success.
    public var temporaryLocks: Int
    /// Locked until the support desk unlocks.
    public var permanentlyLocked: Bool

    /// Creates a counter.
    public init(failures: Int = 0, lockedUntil: Date? = nil, temporaryLocks: Int = 0, permanentlyLocked: Bool = false) {
        self.failures = failures
        self.lockedUntil = lockedUntil
        self.temporaryLocks = temporaryLocks
        self.permanentlyLocked = permanentlyLocked
    }
}
