import Foundation

/// Estimates how many guesses an attacker needs for a password, in the manner of zxcvbn.
///
/// The estimator looks for the patterns people use — words of ranked lists (including romanized Japanese
/// names and words, capitalized, reversed or with look-alike substitutions such as `p@ssw0rd`), keyboard
/// walks on QWERTY, Dvorak and numeric keypads, sequences (`abcd`, `9753`), repeats (`abcabc`), dates and
/// recent years — gives each a number of guesses, and finds the cover of the password by patterns and
/// bruteforce parts that an attacker would reach first. The total gives ``StrengthEstimate/score`` from 0
/// to 4 with zxcvbn's thresholds.
///
/// Building an estimator indexes its word lists (tens of milliseconds for the bundled ones, shared between
/// estimators made with the default lists), so make one and keep it; it is a value and safe to share.
public struct StrengthEstimator: Sendable {
    /// zxcvbn's reference year (2017): with it, dates and years cost what they cost in zxcvbn.
    public static let zxcvbnReferenceYear = 2017

    /// The longest part of a password the pattern search looks at, in Unicode scalars. Beyond it every
    /// character counts as a bruteforce character, which bounds the work on hostile input (the search grows
    /// with the square of the length) while still rewarding length.
    public static let maximumAnalysedLength = 256

    /// The most user inputs taken into account, and the longest (longer ones are cut to this length).
    public static let maximumUserInputs = 64
    public static let maximumUserInputLength = RankedDictionary.Limits.maximumWordLength

    private let index: WordIndex
    private let referenceYear: Int

    /// Creates an estimator.
    ///
    /// - Parameters:
    ///   - dictionaries: the ranked word lists to look for, the bundled ones by default.
    ///   - referenceYear: the year dates are measured from (a date near it is guessed first) and the end of
    ///     the recent years (up to two years past it). The default is zxcvbn's 2017, so that estimates agree
    ///     with zxcvbn's; a server should pass the current year from its clock, so that `2025` is seen as
    ///     the recent year it is.
    public init(dictionaries: [RankedDictionary] = FrequencyLists.all, referenceYear: Int = zxcvbnReferenceYear) {
        index = SharedIndexes.index(for: dictionaries)
        self.referenceYear = referenceYear
    }

    /// Estimates the guesses needed for `password`.
    ///
    /// Positions in the result count Unicode scalars. Passwords longer than ``maximumAnalysedLength`` are
    /// searched for patterns only in their first ``maximumAnalysedLength`` scalars; every further scalar
    /// multiplies the guesses by 10, as a bruteforce character does.
    ///
    /// - Parameters:
    ///   - password: the candidate password.
    ///   - userInputs: words an attacker would try first for this user (user ID, name, e-mail address, the
    ///     service's name), lowercased; at most ``maximumUserInputs`` are used, each cut to
    ///     ``maximumUserInputLength`` characters.
    public func estimate(_ password: String, userInputs: [String] = []) -> StrengthEstimate {
        let scalars = password.unicodeScalars.map(\.value)
        let analysed = Array(scalars.prefix(Self.maximumAnalysedLength))
        var indexes = [index]
        let inputs = userInputs.prefix(Self.maximumUserInputs).map { String($0.unicodeScalars.prefix(Self.maximumUserInputLength)) }
        if let own = try? RankedDictionary(name: "user_inputs", rankedWords: inputs), own.count > 0 {
            indexes.append(WordIndex([own]))
        }
        let analysis = Analysis(analysed, configuration: .init(indexes: indexes, referenceYear: referenceYear))
        let (prefixGuesses, chosen) = analysis.mostGuessableSequence()
        var sequence = chosen.map(analysis.publicMatch)
        var log10Guesses = Foundation.log10(prefixGuesses)
        let rest = scalars.count - analysed.count
        if rest > 0 {
            log10Guesses += Double(rest)
            let tail = scalars[analysed.count...]
            var view = String.UnicodeScalarView()
            for value in tail { if let s = Unicode.Scalar(value) { view.append(s) } }
            sequence.append(StrengthMatch(pattern: .bruteforce, range: analysed.count..<scalars.count,
                                          token: String(view), guesses: Guesses.pow10(rest)))
        }
        let guesses = min(Foundation.pow(10, log10Guesses), .greatestFiniteMagnitude)
        let capped = rest > 0 ? guesses : prefixGuesses
        return StrengthEstimate(score: StrengthEstimate.score(forGuesses: capped), guesses: capped,
                                guessesLog10: log10Guesses, sequence: sequence)
    }
}

/// The index of the bundled lists, built once per process and shared by every estimator that uses them.
private enum SharedIndexes {
    static let all = WordIndex(FrequencyLists.all)
    static let zxcvbn = WordIndex(FrequencyLists.zxcvbn)

    static let zxcvbnNames = ["passwords", "english_wikipedia", "female_names", "surnames", "us_tv_and_film", "male_names"]

    static func index(for dictionaries: [RankedDictionary]) -> WordIndex {
        // Names first, so that custom lists never cause the bundled ones to be loaded.
        let names = dictionaries.map(\.name)
        if names == zxcvbnNames + ["japanese"], dictionaries.isSame(as: FrequencyLists.all) { return all }
        if names == zxcvbnNames, dictionaries.isSame(as: FrequencyLists.zxcvbn) { return zxcvbn }
        return WordIndex(dictionaries)
    }
}

extension [RankedDictionary] {
    fileprivate func isSame(as other: [RankedDictionary]) -> Bool {
        count == other.count && zip(self, other).allSatisfy { $0.isSameList(as: $1) }
    }
}
