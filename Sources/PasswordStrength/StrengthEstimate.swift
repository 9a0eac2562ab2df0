/// How hard a password is to guess, from ``StrengthEstimator/estimate(_:userInputs:)``.
public struct StrengthEstimate: Sendable, Equatable {
    /// 0 to 4, with zxcvbn's thresholds: 0 below 10³ guesses (too guessable), 1 below 10⁶ (stops only a
    /// throttled online attack), 2 below 10⁸ (stops an unthrottled online attack), 3 below 10¹⁰ (stops an
    /// offline attack on a slow hash), 4 from 10¹⁰.
    public var score: Int
    /// The estimated number of guesses an attacker who knows these patterns needs. Capped at the largest
    /// finite `Double` for very long passwords; ``guessesLog10`` stays exact.
    public var guesses: Double
    /// The base-10 logarithm of ``guesses``, the figure to compare and report.
    public var guessesLog10: Double
    /// The patterns that make up the password, in order; together they cover it exactly.
    public var sequence: [StrengthMatch]

    /// Creates an estimate.
    public init(score: Int, guesses: Double, guessesLog10: Double, sequence: [StrengthMatch]) {
        self.score = score
        self.guesses = guesses
        self.guessesLog10 = guessesLog10
        self.sequence = sequence
    }

    /// The score zxcvbn gives a number of guesses (the thresholds have a margin of 5 so that exact powers of
    /// ten, which bruteforce estimates produce, fall into the lower class).
    public static func score(forGuesses guesses: Double) -> Int {
        let margin = 5.0
        if guesses < 1e3 + margin { return 0 }
        if guesses < 1e6 + margin { return 1 }
        if guesses < 1e8 + margin { return 2 }
        if guesses < 1e10 + margin { return 3 }
        return 4
    }
}
