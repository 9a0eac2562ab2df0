/// The search for patterns in one password (or, for repeats, in the repeated part of one).
struct Analysis {
    /// What stays the same across passwords: the word lists and the reference year.
    struct Configuration: Sendable {
        /// The bundled lists first, then (when given) the user's own words.
        var indexes: [WordIndex]
        var referenceYear: Int
    }

    let configuration: Configuration
    /// The password's Unicode scalars.
    let text: [UInt32]
    /// The same, each lowercased on its own so that positions line up.
    let lower: [UInt32]

    init(_ text: [UInt32], configuration: Configuration) {
        self.configuration = configuration
        self.text = text
        self.lower = text.map(Analysis.lowercase)
    }

    /// Lowercases one scalar, keeping it when its lowercase form is not a single scalar.
    static func lowercase(_ scalar: UInt32) -> UInt32 {
        if scalar < 128 {
            return scalar >= 0x41 && scalar <= 0x5A ? scalar + 0x20 : scalar
        }
        guard let s = Unicode.Scalar(scalar), s.properties.changesWhenLowercased else { return scalar }
        let mapped = s.properties.lowercaseMapping.unicodeScalars
        return mapped.count == 1 ? mapped.first!.value : scalar
    }

    /// Every pattern found, each with its guesses.
    func candidates() -> [Candidate] {
        var found: [Candidate] = []
        dictionaryMatches(into: &found)
        reversedDictionaryMatches(into: &found)
        substitutedDictionaryMatches(into: &found)
        spatialMatches(into: &found)
        repeatMatches(into: &found)
        sequenceMatches(into: &found)
        recentYearMatches(into: &found)
        dateMatches(into: &found)
        return found
    }

    /// The cheapest cover of the password by patterns and bruteforce parts, with its total guesses.
    func mostGuessableSequence() -> (guesses: Double, sequence: [Candidate]) {
        var search = MatchSequenceSearch(length: text.count)
        return search.run(candidates())
    }

    /// Records a pattern, flooring its guesses when it covers only part of the password.
    func add(_ kind: Candidate.Kind, _ i: Int, _ j: Int, guesses: Double, into found: inout [Candidate]) {
        let floor = Guesses.floor(length: j - i + 1, passwordLength: text.count)
        found.append(Candidate(i: i, j: j, kind: kind, guesses: max(guesses, floor)))
    }

    func string(_ scalars: some Sequence<UInt32>) -> String {
        var view = String.UnicodeScalarView()
        for value in scalars { if let s = Unicode.Scalar(value) { view.append(s) } }
        return String(view)
    }

    /// The public form of a chosen candidate.
    func publicMatch(_ candidate: Candidate) -> StrengthMatch {
        let slice = text[candidate.i...candidate.j]
        let pattern: StrengthMatch.Pattern
        switch candidate.kind {
        case let .dictionary(index, list, rank, reversed, substitutions):
            var letters = lower[candidate.i...candidate.j].map { scalar in
                substitutions.first { $0.0 == scalar }?.1 ?? scalar
            }
            if reversed { letters.reverse() }
            var map: [Character: Character] = [:]
            for (substituted, letter) in substitutions {
                if let s = Unicode.Scalar(substituted), let l = Unicode.Scalar(letter) {
                    map[Character(s)] = Character(l)
                }
            }
            pattern = .dictionary(list: configuration.indexes[index].names[Int(list)], word: string(letters),
                                  rank: Int(rank), reversed: reversed, substitutions: map)
        case let .spatial(graph, turns, shiftedCount):
            pattern = .spatial(keyboard: KeyboardGraph.all[graph].name, turns: turns, shiftedCount: shiftedCount)
        case let .repeated(baseLength, count):
            pattern = .repeated(base: string(slice.prefix(baseLength)), count: count)
        case let .sequence(alphabet, ascending):
            pattern = .sequence(alphabet: alphabet.rawValue, ascending: ascending)
        case let .recentYear(year):
            pattern = .recentYear(year)
        case let .date(year, month, day, separator):
            pattern = .date(year: year, month: month, day: day, separator: separator.map { string([$0]) } ?? "")
        case .bruteforce:
            pattern = .bruteforce
        }
        return StrengthMatch(pattern: pattern, range: candidate.i..<(candidate.j + 1), token: string(slice),
                             guesses: candidate.guesses)
    }
}
