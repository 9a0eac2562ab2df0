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
        /// Locked after repeated failures until ``AccountRecord/lockedUntil``.
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
    /// End of a temporary lock.
    public var lockedUntil: Date?
    /// Number of temporary locks so far, for locks that grow with repeats.
    public var temporaryLockCount: Int

    /// The login password's hash.
    public var passwordHash: String
    /// Hashes of earlier login passwords, newest first.
    public var passwordHistory: [String]
    /// The trading PIN's hash (asked again before orders, withdrawals and bank-account changes).
    public var tradingPINHash: String
    /// The phone PIN's hash (the support desk's check of a caller).
    public var phonePINHash: String

    /// Consecutive failed login passwords since the last success.
    public var passwordFailures: Int
    /// Consecutive failed trading PINs.
    public var tradingPINFailures: Int
    public var tradingPINLockedUntil: Date?
    /// Consecutive failed phone PINs.
    public var phonePINFailures: Int
    public var phonePINLockedUntil: Date?

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
        self.lockedUntil = nil
        self.temporaryLockCount = 0
        self.passwordHash = passwordHash
        self.passwordHistory = []
        self.tradingPINHash = tradingPINHash
        self.phonePINHash = phonePINHash
        self.passwordFailures = 0
        self.tradingPINFailures = 0
        self.tradingPINLockedUntil = nil
        self.phonePINFailures = 0
        self.phonePINLockedUntil = nil
        self.createdAt = createdAt
        self.lastLoginAt = nil
        self.passwordChangedAt = createdAt
        self.tradingPINChangedAt = createdAt
        self.phonePINChangedAt = createdAt
        self.passwordChangeRequired = false
        self.secondFactors = "{}"
    }
}
