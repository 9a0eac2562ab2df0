public import Foundation

/// A server-side login session. Only the SHA-256 of the session token is stored, so a copy of the
/// database holds no usable session.
public struct SessionRecord: Sendable, Hashable, Codable {
    /// Why a session ended, recorded with it and in the audit log.
    public enum EndReason: String, Sendable, Hashable, Codable, CaseIterable {
        case logout
        case idleTimeout = "idle-timeout"
        case absoluteTimeout = "absolute-timeout"
        case endedByCustomer = "ended-by-customer"
        case endedByOperator = "ended-by-operator"
        case passwordChanged = "password-changed"
        case accountLocked = "account-locked"
    }

    /// Public identifier of the session (shown in session lists; not the token).
    public var id: String
    /// The account it belongs to.
    public var accountID: String
    /// SHA-256 of the session token.
    public var tokenHash: [UInt8]
    public var createdAt: Date
    /// Last time the session was used, written at most once a minute.
    public var lastSeenAt: Date
    /// The hard end of the session, whatever its use.
    public var expiresAt: Date
    public var clientAddress: String
    public var userAgent: String
    /// A short label of the device ("Chrome on Windows").
    public var deviceLabel: String
    /// Step-up grants: action name → end of the grant.
    public var stepUpGrants: [String: Date]
    /// When the session ended; nil while it is live.
    public var endedAt: Date?
    public var endReason: EndReason?

    /// Creates a live session.
    public init(id: String, accountID: String, tokenHash: [UInt8], createdAt: Date, expiresAt: Date,
                clientAddress: String, userAgent: String, deviceLabel: String) {
        self.id = id
        self.accountID = accountID
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.lastSeenAt = createdAt
        self.expiresAt = expiresAt
        self.clientAddress = clientAddress
        self.userAgent = userAgent
        self.deviceLabel = deviceLabel
        self.stepUpGrants = [:]
        self.endedAt = nil
        self.endReason = nil
    }
}
