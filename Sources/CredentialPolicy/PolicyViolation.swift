/// One broken rule: a stable code for programs, and the explanation in Japanese and English for people.
public struct PolicyViolation: Sendable, Hashable, Codable {
    /// A stable, machine-readable rule name. New codes may be added.
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public var rawValue: String
        /// Creates a code from its stable name.
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        // Login password
        public static let tooShort = Code(rawValue: "too-short")
        public static let tooLong = Code(rawValue: "too-long")
        public static let invalidCharacter = Code(rawValue: "invalid-character")
        public static let sameAsUserID = Code(rawValue: "same-as-user-id")
        public static let repeatedCharacter = Code(rawValue: "repeated-character")
        public static let birthDate = Code(rawValue: "birth-date")
        public static let common = Code(rawValue: "common")
        public static let breached = Code(rawValue: "breached")
        public static let reused = Code(rawValue: "reused")
        public static let sameAsOtherCredential = Code(rawValue: "same-as-other-credential")
        public static let weak = Code(rawValue: "weak")
        // PINs
        public static let notDigits = Code(rawValue: "not-digits")
        public static let wrongLength = Code(rawValue: "wrong-length")
        public static let sameDigits = Code(rawValue: "same-digits")
        public static let sequence = Code(rawValue: "sequence")
        public static let phoneNumber = Code(rawValue: "phone-number")
        public static let commonPIN = Code(rawValue: "common-pin")
    }

    /// Which rule.
    public var code: Code
    /// The explanation for the customer, in Japanese.
    public var japanese: String
    /// The explanation for the customer, in English.
    public var english: String

    /// Creates a violation.
    public init(code: Code, japanese: String, english: String) {
        self.code = code
        self.japanese = japanese
        self.english = english
    }

    /// The explanation in `language`.
    public func message(in language: Language) -> String {
        switch language {
        case .japanese: japanese
        case .english: english
        }
    }
}

/// The languages Moat speaks to customers.
public enum Language: String, Sendable, Hashable, CaseIterable, Codable {
    case japanese = "ja"
    case english = "en"
}

/// The kinds of credential a customer has.
public enum CredentialKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// The login password (ログインパスワード).
    case loginPassword = "login"
    /// The trading PIN (取引暗証番号), asked before orders, withdrawals and bank-account changes.
    case tradingPIN = "trading-pin"
    /// The phone PIN (電話暗証番号), the support desk's check of a caller.
    case phonePIN = "phone-pin"

    var japaneseName: String {
        switch self {
        case .loginPassword: "ログインパスワード"
        case .tradingPIN: "取引暗証番号"
        case .phonePIN: "電話暗証番号"
        }
    }

    var englishName: String {
        switch self {
        case .loginPassword: "login password"
        case .tradingPIN: "trading PIN"
        case .phonePIN: "phone PIN"
        }
    }
}
