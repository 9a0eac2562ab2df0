public import Foundation

/// Everything AccountSecurity can be told, with the defaults a broker starts from.
public struct AccountSecurityConfiguration: Sendable, Hashable {
    /// Locks of the login password (and so of the login).
    public var passwordLockout = LockoutPolicy()
    /// Locks of the trading PIN and the phone PIN, each counted on its own.
    public var pinLockout = LockoutPolicy()
    /// Failed logins from one client address, across all user IDs, within ``addressWindow``, before that
    /// address is refused for a while: the defence against credential stuffing.
    public var addressFailureLimit = 20
    /// The sliding window of ``addressFailureLimit``.
    public var addressWindow: TimeInterval = 10 * 60
    /// A session unused this long ends.
    public var sessionIdleTimeout: TimeInterval = 30 * 60
    /// A session ends this long after login, used or not.
    public var sessionLifetime: TimeInterval = 12 * 3600
    /// The last-seen time of a session is written at most this often.
    public var sessionTouchInterval: TimeInterval = 60
    /// How long a trading-PIN step-up authorizes its action. Zero, the default, authorizes exactly one use:
    /// every sensitive action asks for the PIN again.
    public var stepUpGrantDuration: TimeInterval = 0
    /// Earlier login passwords kept for the `reused` rule.
    public var passwordHistoryLength = 5

    /// The defaults above.
    public init() {}
}

/// Where a request comes from, recorded with sessions and audit events.
public struct ClientInfo: Sendable, Hashable {
    /// The client's IP address as the server sees it (after trusted proxies).
    public var address: String
    /// The User-Agent header, cut to a sane length.
    public var userAgent: String
    /// A short, human label of the device ("Chrome on Windows").
    public var deviceLabel: String

    /// Creates client information; long values are cut (256 characters for the user agent, 64 for the label).
    public init(address: String, userAgent: String = "", deviceLabel: String = "") {
        self.address = String(address.prefix(64))
        self.userAgent = String(userAgent.prefix(256))
        self.deviceLabel = String(deviceLabel.prefix(64))
    }
}

/// The sensitive actions a trading-PIN step-up can authorize.
public struct SensitiveAction: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String
    /// Creates an action from its stable name.
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// Placing an order.
    public static let placeOrder = SensitiveAction(rawValue: "place-order")
    /// Withdrawing money.
    public static let withdraw = SensitiveAction(rawValue: "withdraw")
    /// Changing the registered bank account.
    public static let changeBankAccount = SensitiveAction(rawValue: "change-bank-account")

    /// The actions Moat knows.
    public static let all: [SensitiveAction] = [.placeOrder, .withdraw, .changeBankAccount]
}
