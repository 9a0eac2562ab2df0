public import BreachedPasswords
public import PasswordHashing

/// The broker's rules for choosing the login password, the trading PIN and the phone PIN.
///
/// The notice asks customers not to choose the user ID, two or more identical characters in a row, or the birth
/// date, and not to reuse passwords from other services. Moat enforces these rules instead of asking, and adds a
/// list of common passwords, an optional offline filter of breached passwords, the password history and a
/// strength estimate. A check reports every broken rule, not only the first, each with a stable code and an
/// explanation in Japanese and English.
///
/// Configure a policy once and share it; it is a value and safe to use from any thread.
public struct CredentialPolicy: Sendable {
    /// The rules' settings, with the notice's defaults.
    public struct Configuration: Sendable {
        /// Shortest login password, in characters after NFKC.
        public var minimumLength = 10
        /// Longest login password, in characters after NFKC; longer ones are refused, never truncated.
        public var maximumLength = 128
        /// Longest run of one character allowed. The notice rejects "two or more identical characters in a row",
        /// so the default is 1.
        public var maximumRunLength = 1
        /// Digits of a trading PIN.
        public var tradingPINLength = 4
        /// Digits of a phone PIN.
        public var phonePINLength = 4
        /// Earlier login passwords a new one must differ from.
        public var historyLength = 5
        /// The lowest acceptable strength score (0–4); nil turns the `weak` rule off (the default).
        public var minimumStrengthScore: Int?
        /// An offline filter of breached passwords; nil turns the `breached` rule off.
        public var breachedFilter: BreachedPasswordFilter?
        /// Verifies the history and other credentials given as hashes.
        public var hasher: PasswordHasher?

        /// The defaults above (no breached filter, no `weak` rule).
        public init() {}
    }

    /// The settings in force.
    public let configuration: Configuration

    /// Creates a policy.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Checks `candidate` for the credential and customer in `context`: every rule, including those that compare
    /// it with stored hashes (history, other credentials), which run concurrently on the hashing threads.
    ///
    /// - Throws: ``PasswordHashing/PasswordHashingError`` when a stored hash in the context is unreadable, or when
    ///   hashes are given but the configuration has no hasher.
    public func check(candidate: String, for context: CredentialContext) async throws -> PolicyVerdict {
        var verdict = checkWithoutHashes(candidate: candidate, for: context)
        let hashed = try await matchesStoredHashes(candidate, context)
        verdict.violations += hashed
        verdict.violations.sort { Self.order($0.code) < Self.order($1.code) }
        return verdict
    }

    /// The rules that need no stored hash: fast, synchronous, for checking as the customer types.
    public func checkWithoutHashes(candidate: String, for context: CredentialContext) -> PolicyVerdict {
        switch context.kind {
        case .loginPassword:
            return checkPassword(candidate, context)
        case .tradingPIN, .phonePIN:
            return PolicyVerdict(violations: checkPIN(candidate, context),
                                 strength: strength(of: PasswordNormalization.nfkc(candidate), context))
        }
    }

    /// Stable order of codes in a verdict, so that callers and tests see the same list every time.
    static func order(_ code: PolicyViolation.Code) -> Int {
        let codes: [PolicyViolation.Code] = [
            .invalidCharacter, .tooShort, .tooLong, .notDigits, .wrongLength, .sameAsUserID, .repeatedCharacter, .sameDigits,
            .sequence, .birthDate, .phoneNumber, .common, .commonPIN, .breached, .reused, .sameAsOtherCredential, .weak,
        ]
        return codes.firstIndex(of: code) ?? codes.count
    }
}
