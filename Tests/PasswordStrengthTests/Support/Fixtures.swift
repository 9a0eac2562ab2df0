@testable import PasswordStrength

/// Estimators and analyses shared by the tests (indexing the lists once).
enum Fixtures {
    static let estimator = StrengthEstimator()
    static let zxcvbnEstimator = StrengthEstimator(dictionaries: FrequencyLists.zxcvbn)
    static let allIndex = WordIndex(FrequencyLists.all)

    /// Every pattern the matchers find in `password`, in public form.
    static func matches(_ password: String, referenceYear: Int = StrengthEstimator.zxcvbnReferenceYear,
                        extra: [RankedDictionary] = []) -> [StrengthMatch] {
        var indexes = [allIndex]
        if !extra.isEmpty { indexes.append(WordIndex(extra)) }
        let analysis = Analysis(password.unicodeScalars.map(\.value),
                                configuration: .init(indexes: indexes, referenceYear: referenceYear))
        return analysis.candidates().map(analysis.publicMatch)
    }

    /// The matches of one kind over exactly `range`.
    static func matches(_ password: String, at range: Range<Int>, where predicate: (StrengthMatch.Pattern) -> Bool) -> [StrengthMatch] {
        matches(password).filter { $0.range == range && predicate($0.pattern) }
    }
}

extension StrengthMatch.Pattern {
    var isDictionary: Bool { if case .dictionary = self { true } else { false } }
    var isSpatial: Bool { if case .spatial = self { true } else { false } }
    var isSequence: Bool { if case .sequence = self { true } else { false } }
    var isRepeat: Bool { if case .repeated = self { true } else { false } }
    var isDate: Bool { if case .date = self { true } else { false } }
    var isRecentYear: Bool { if case .recentYear = self { true } else { false } }
}
