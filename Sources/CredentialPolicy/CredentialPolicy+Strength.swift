import PasswordHashing
import PasswordStrength

extension CredentialPolicy {
    /// The shared estimator: its dictionaries load once, on first use.
    static let estimator = StrengthEstimator()

    /// `common`: the candidate (NFKC, case-folded) is one of the most common passwords (zxcvbn's list of 30,000,
    /// bundled with PasswordStrength). `weak`: the strength score is below the configured minimum.
    func commonAndStrength(normalized: String, folded: String, context: CredentialContext) -> [PolicyViolation] {
        var violations: [PolicyViolation] = []
        if FrequencyLists.passwords.rank(of: folded) != nil {
            violations.append(.init(code: .common,
                                    japanese: "よく使われていて推測されやすいパスワードです。別のパスワードにしてください。",
                                    english: "This password is among the most commonly used ones and easy to guess."))
        }
        if let minimum = configuration.minimumStrengthScore, let estimate = strength(of: normalized, context), estimate.score < minimum {
            violations.append(.init(code: .weak,
                                    japanese: "推測されやすいパスワードです。単語や数字の並びを避け、長くしてください。",
                                    english: "This password is too easy to guess. Make it longer and avoid common words and patterns."))
        }
        return violations
    }

    /// The strength estimate (for PINs too, so every verdict has one), with the customer's own data (user ID, birth date) counted as known to an attacker.
    func strength(of normalized: String, _ context: CredentialContext) -> StrengthSummary? {
        var inputs = [context.userID]
        if let birthDate = context.birthDate { inputs.append(String(birthDate.year)) }
        if !context.phoneDigits.isEmpty { inputs.append(context.phoneDigits) }
        let estimate = Self.estimator.estimate(normalized, userInputs: inputs)
        return StrengthSummary(score: estimate.score, guessesLog10: estimate.guessesLog10)
    }
}
