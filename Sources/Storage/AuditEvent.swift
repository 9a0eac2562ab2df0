public import Foundation

/// A security event to be recorded: what happened, to whom, from where, by whom. Never a secret.
public struct AuditEvent: Sendable, Hashable, Codable {
    /// The kind of event. A struct, not an enum, so that later components add kinds without a schema change.
    public struct Kind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public var rawValue: String
        /// Creates a kind from its stable name.
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let accountCreated = Kind(rawValue: "account-created")
        public static let loginSucceeded = Kind(rawValue: "login-succeeded")
        public static let loginFailed = Kind(rawValue: "login-failed")
        public static let lockApplied = Kind(rawValue: "lock-applied")
        public static let lockExpired = Kind(rawValue: "lock-expired")
        public static let unlocked = Kind(rawValue: "unlocked")
        public static let credentialChanged = Kind(rawValue: "credential-changed")
        public static let sessionEnded = Kind(rawValue: "session-ended")
        public static let stepUpGranted = Kind(rawValue: "step-up-granted")
        public static let stepUpFailed = Kind(rawValue: "step-up-failed")
        public static let phonePINChecked = Kind(rawValue: "phone-pin-checked")
        public static let policyRejected = Kind(rawValue: "policy-rejected")
    }

    /// What happened.
    public var kind: Kind
    /// When, to the millisecond (finer parts are dropped so that every store keeps the same value).
    public var time: Date
    /// The account concerned, if any (an unknown user ID has none).
    public var accountID: String?
    /// The user ID as given, for events without an account.
    public var userID: String?
    /// The client's address.
    public var clientAddress: String?
    /// The support-desk operator or administrator who acted.
    public var operatorID: String?
    /// Further facts (reason codes, session ids, actions). Keys and values are plain text, never a secret.
    public var details: [String: String]

    /// Creates an event; `time` is truncated to whole milliseconds.
    public init(kind: Kind, time: Date, accountID: String? = nil, userID: String? = nil, clientAddress: String? = nil,
                operatorID: String? = nil, details: [String: String] = [:]) {
        self.kind = kind
        self.time = Date(millisecondsSince1970: time.millisecondsSince1970)
        self.accountID = accountID
        self.userID = userID
        self.clientAddress = clientAddress
        self.operatorID = operatorID
        self.details = details
    }
}

/// An event as stored: its place in the chain and the MACs that tie it to its predecessor.
public struct AuditEntry: Sendable, Hashable, Codable {
    /// 1 for the first entry, then consecutive.
    public var sequence: Int64
    /// The event.
    public var event: AuditEvent
    /// The MAC of the previous entry (32 zero bytes for the first).
    public var previousMAC: [UInt8]
    /// HMAC-SHA256 over the previous MAC and this entry's canonical encoding.
    public var mac: [UInt8]

    /// Creates an entry as read from a store.
    public init(sequence: Int64, event: AuditEvent, previousMAC: [UInt8], mac: [UInt8]) {
        self.sequence = sequence
        self.event = event
        self.previousMAC = previousMAC
        self.mac = mac
    }
}

extension Date {
    /// Whole milliseconds since 1970, the precision every store keeps.
    public var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }

    /// The date at a whole number of milliseconds since 1970.
    public init(millisecondsSince1970 ms: Int64) {
        self.init(timeIntervalSince1970: Double(ms) / 1000)
    }
}
