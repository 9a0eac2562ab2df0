/// What a policy check knows about the customer whose credential is being chosen.
public struct CredentialContext: Sendable {
    /// Which credential is being chosen.
    public var kind: CredentialKind
    /// The customer's user ID.
    public var userID: String
    /// The customer's birth date, when known.
    public var birthDate: BirthDate?
    /// The registered phone number, digits only (other characters are ignored).
    public var phoneDigits: String
    /// Hashes of the login passwords used before, newest first (the current one included).
    public var passwordHistory: [String]
    /// The customer's other credentials (and the current value of this one), which the candidate must differ from.
    public var otherCredentials: [OtherCredential]

    /// Creates a context.
    public init(kind: CredentialKind, userID: String, birthDate: BirthDate? = nil, phoneDigits: String = "",
                passwordHistory: [String] = [], otherCredentials: [OtherCredential] = []) {
        self.kind = kind
        self.userID = userID
        self.birthDate = birthDate
        self.phoneDigits = String(phoneDigits.filter { $0.isASCII && $0.isNumber })
        self.passwordHistory = passwordHistory
        self.otherCredentials = otherCredentials
    }
}

/// Another credential of the customer: in clear while the customer is choosing several at once (at account
/// opening), otherwise as its stored hash.
public struct OtherCredential: Sendable {
    /// How the value is known.
    public enum Value: Sendable {
        /// The credential itself, as the customer typed it in the same form.
        case clear(String)
        /// Its stored PHC hash.
        case hashed(String)
    }

    /// Which credential it is.
    public var kind: CredentialKind
    /// Its value.
    public var value: Value

    /// Creates a reference to another credential.
    public init(kind: CredentialKind, value: Value) {
        self.kind = kind
        self.value = value
    }
}

/// The outcome of a policy check: every broken rule, and how hard the candidate is to guess.
public struct PolicyVerdict: Sendable, Hashable {
    /// Every rule the candidate breaks, in a stable order; empty when it is accepted.
    public var violations: [PolicyViolation]
    /// The strength estimate.
    public var strength: StrengthSummary?

    /// Whether the candidate may be used.
    public var accepted: Bool { violations.isEmpty }

    /// Creates a verdict.
    public init(violations: [PolicyViolation], strength: StrengthSummary?) {
        self.violations = violations
        self.strength = strength
    }
}

/// How many guesses a candidate would take, summarized.
public struct StrengthSummary: Sendable, Hashable, Codable {
    /// 0 (too guessable) to 4 (very unguessable), on zxcvbn's scale.
    public var score: Int
    /// log10 of the estimated number of guesses.
    public var guessesLog10: Double

    /// Creates a summary.
    public init(score: Int, guessesLog10: Double) {
        self.score = score
        self.guessesLog10 = guessesLog10
    }
}
