/// One part of a password as the estimator explains it: a pattern, where it lies, and the guesses it costs.
///
/// The ``StrengthEstimate/sequence`` of an estimate is a list of these, covering the password from start to
/// end; parts that follow no pattern are ``Pattern/bruteforce``.
public struct StrengthMatch: Sendable, Equatable {
    /// The kind of pattern and what was found.
    public enum Pattern: Sendable, Equatable {
        /// A word of a ranked list, possibly capitalized, reversed or with look-alike substitutions
        /// (`substitutions` maps each substituted character to the letter it stands for, as `@` for `a`).
        case dictionary(list: String, word: String, rank: Int, reversed: Bool, substitutions: [Character: Character])
        /// A walk across neighbouring keys (`turns` changes of direction, `shiftedCount` keys typed with Shift).
        case spatial(keyboard: String, turns: Int, shiftedCount: Int)
        /// A part repeated `count` times, such as `abcabc` (`base` is the part).
        case repeated(base: String, count: Int)
        /// Characters in a constant step, such as `abcd`, `9753` or `ZYX`; `alphabet` is `lower`, `upper`,
        /// `digits` or `unicode`.
        case sequence(alphabet: String, ascending: Bool)
        /// A year close to the estimator's reference year.
        case recentYear(Int)
        /// A calendar date in one of the common orders, with `separator` between its parts (may be empty).
        case date(year: Int, month: Int, day: Int, separator: String)
        /// Characters that follow no known pattern and must be guessed one by one.
        case bruteforce
    }

    /// What the estimator recognized.
    public var pattern: Pattern
    /// The part's position in the password, counted in Unicode scalars.
    public var range: Range<Int>
    /// The part of the password.
    public var token: String
    /// How many guesses this part costs on its own.
    public var guesses: Double

    /// Creates a match (the estimator makes them; tests and callers may compare against them).
    public init(pattern: Pattern, range: Range<Int>, token: String, guesses: Double) {
        self.pattern = pattern
        self.range = range
        self.token = token
        self.guesses = guesses
    }
}
