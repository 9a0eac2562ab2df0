public import Foundation

/// Whether a customer should be asked to change a credential.
///
/// The broker's notice asks customers to change their login password and trading PIN regularly. NIST SP 800-63B
/// (5.1.1.2) and OWASP ASVS (2.1.10) advise against *forced* periodic changes: people forced to change choose
/// predictable variants (`Spring2026!` after `Winter2025!`). Moat therefore reminds by default — after
/// ``ChangeReminderPolicy/reminderAge`` the customer is told a change is due, and may ignore it — and forces a
/// change only when the broker configures an age for it, or when a compromise is known (a breach match, a
/// phishing report, an operator's decision).
public struct ChangeReminderPolicy: Sendable, Hashable {
    /// Age after which a reminder is shown (default 180 days).
    public var reminderAge: TimeInterval = 180 * 86_400
    /// Age after which a change is required; nil (the default) never forces one for age alone.
    public var forcedChangeAge: TimeInterval?

    /// The defaults above.
    public init() {}

    /// What applies to a credential last changed at `lastChanged`, at `now`.
    public func evaluate(lastChanged: Date, compromiseKnown: Bool = false, at now: Date) -> ChangeReminder {
        if compromiseKnown { return .changeRequired(.compromise) }
        let age = now.timeIntervalSince(lastChanged)
        if let forcedChangeAge, age >= forcedChangeAge { return .changeRequired(.age) }
        if age >= reminderAge { return .reminderDue(since: lastChanged.addingTimeInterval(reminderAge)) }
        return .none
    }
}

/// The verdict of ``ChangeReminderPolicy/evaluate(lastChanged:compromiseKnown:at:)``.
public enum ChangeReminder: Sendable, Hashable {
    /// Nothing to say.
    case none
    /// A change is recommended (since the given time); the customer may continue.
    case reminderDue(since: Date)
    /// The customer must change the credential before continuing.
    case changeRequired(Reason)

    /// Why a change is required.
    public enum Reason: String, Sendable, Hashable {
        /// The broker configured a maximum age and it passed.
        case age
        /// The credential is known or suspected to be compromised.
        case compromise
    }
}
