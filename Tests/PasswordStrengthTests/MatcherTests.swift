import Testing
@testable import PasswordStrength

@Suite struct MatcherTests {
    @Suite struct Dictionary {
        @Test func findsWordsWithTheirRankAndList() {
            let found = Fixtures.matches("password", at: 0..<8, where: \.isDictionary)
            #expect(found.contains { $0.pattern == .dictionary(list: "passwords", word: "password", rank: 2, reversed: false, substitutions: [:]) && $0.guesses == 2 })
            // Words inside the password are found too, with the floor for a part of the password.
            let inner = Fixtures.matches("password", at: 4..<8, where: \.isDictionary)
            #expect(inner.contains { if case .dictionary(_, "word", _, false, _) = $0.pattern { $0.guesses >= 50 } else { false } })
        }

        @Test func capitalsMultiplyTheGuesses() {
            let rank = FrequencyLists.passwords.rank(of: "password")!
            func guesses(_ token: String) -> Double? {
                Fixtures.matches(token, at: 0..<8) {
                    if case .dictionary("passwords", "password", _, false, let s) = $0 { s.isEmpty } else { false }
                }.first?.guesses
            }
            #expect(guesses("password") == Double(rank))
            #expect(guesses("Password") == Double(rank * 2))
            #expect(guesses("passworD") == Double(rank * 2))
            #expect(guesses("PASSWORD") == Double(rank * 2))
            // Two capitals among eight letters: C(8,1) + C(8,2) placements.
            #expect(guesses("PaSsword") == Double(rank) * (8 + 28))
        }

        @Test func findsReversedWords() {
            let found = Fixtures.matches("drowssap", at: 0..<8) {
                if case .dictionary("passwords", "password", 2, true, _) = $0 { true } else { false }
            }
            #expect(found.first?.guesses == 4)
        }

        @Test func findsSubstitutedWords() {
            let found = Fixtures.matches("p@ssw0rd", at: 0..<8) {
                if case .dictionary("passwords", "password", 2, false, let s) = $0 { s == ["@": "a", "0": "o"] } else { false }
            }
            // Each substitution applied to every occurrence of its letter doubles the guesses.
            #expect(found.first?.guesses == Double(2 * 2 * 2))
            // A character stands for one letter throughout a word: "1" cannot be both i and l in "1ll1n01s".
            let mixed = Fixtures.matches("m1ss1ss1pp1", at: 0..<11) {
                if case .dictionary(_, "mississippi", _, false, let s) = $0 { s == ["1": "i"] } else { false }
            }
            #expect(!mixed.isEmpty)
            // Partly substituted: "p4ssa" style counts the ways to choose which occurrences changed.
            let partial = Fixtures.matches("b4nana", at: 0..<6) {
                if case .dictionary(_, "banana", _, false, let s) = $0 { s == ["4": "a"] } else { false }
            }
            let rank = partial.first.map { if case let .dictionary(_, _, r, _, _) = $0.pattern { r } else { 0 } } ?? 0
            #expect(partial.first?.guesses == Double(rank) * 3)
        }

        @Test func substitutionsAloneDoNotMakeAMatch() {
            // "1" read as itself is an ordinary match; the substituted walk only reports real substitutions.
            let found = Fixtures.matches("abc123", at: 0..<6) {
                if case .dictionary(_, _, _, false, let s) = $0 { !s.isEmpty } else { false }
            }
            #expect(found.allSatisfy { if case let .dictionary(_, word, _, _, _) = $0.pattern { word != "abc123" } else { true } })
        }

        @Test func findsRomanizedJapanese() {
            for word in ["arigatou", "daisuki", "haruto"] {
                let found = Fixtures.matches(word, at: 0..<word.count) {
                    if case .dictionary("japanese", word, _, false, _) = $0 { true } else { false }
                }
                #expect(found.count == 1, "\(word)")
            }
            #expect(Fixtures.estimator.estimate("arigatou").guessesLog10 < Fixtures.zxcvbnEstimator.estimate("arigatou").guessesLog10 - 3)
        }

        @Test func userInputsCountAsTheFirstWordsTried() {
            let password = "kxzyqw7781"
            let plain = Fixtures.estimator.estimate(password)
            let withInputs = Fixtures.estimator.estimate(password, userInputs: ["KXZYQW7781", "other"])
            #expect(withInputs.guesses < plain.guesses)
            #expect(withInputs.sequence.first?.pattern == .dictionary(list: "user_inputs", word: "kxzyqw7781", rank: 1, reversed: false, substitutions: [:]))
            // Only the first inputs count, so a caller cannot make an estimate arbitrarily slow.
            let many = (0..<StrengthEstimator.maximumUserInputs).map { "filler\($0)" } + [password]
            #expect(Fixtures.estimator.estimate(password, userInputs: many).guesses == plain.guesses)
            let within = Array(many.dropFirst())
            #expect(Fixtures.estimator.estimate(password, userInputs: within).guesses < plain.guesses)
            // Inputs beyond the length limit are cut, not rejected.
            let long = String(repeating: "z", count: 1000)
            #expect(Fixtures.estimator.estimate("abc", userInputs: [long]).score == 0)
        }
    }

    @Suite struct Keyboard {
        @Test func graphsMatchTheLayouts() {
            #expect(KeyboardGraph.qwerty.startingPositions == 94)
            #expect(abs(KeyboardGraph.qwerty.averageDegree - 4.595744680851064) < 1e-12)
            #expect(KeyboardGraph.dvorak.startingPositions == 94)
            #expect(KeyboardGraph.keypad.startingPositions == 15)
            #expect(abs(KeyboardGraph.keypad.averageDegree - 5.066666666666666) < 1e-12)
            #expect(KeyboardGraph.macKeypad.startingPositions == 16)
            func value(_ c: Character) -> UInt32 { c.unicodeScalars.first!.value }
            // "a": left nothing, upper left q, upper right w, right s, lower right z, lower left nothing.
            #expect(KeyboardGraph.qwerty.step(from: value("a"), to: value("q"))?.direction == 1)
            #expect(KeyboardGraph.qwerty.step(from: value("a"), to: value("W"))! == (2, true))
            #expect(KeyboardGraph.qwerty.step(from: value("a"), to: value("z"))?.direction == 4)
            #expect(KeyboardGraph.qwerty.step(from: value("a"), to: value("x")) == nil)
            #expect(KeyboardGraph.dvorak.step(from: value("a"), to: value("o"))?.direction == 3)
            #expect(KeyboardGraph.keypad.step(from: value("5"), to: value("1"))?.direction == 7)
            #expect(KeyboardGraph.keypad.step(from: value("0"), to: value("."))?.direction == 4)
            #expect(KeyboardGraph.macKeypad.step(from: value("/"), to: value("="))?.direction == 0)
            #expect(KeyboardGraph.qwerty.isShifted(value("!")) && !KeyboardGraph.qwerty.isShifted(value("1")))
            #expect(!KeyboardGraph.keypad.isShifted(value("*")))
        }

        @Test func findsWalksWithTurnsAndShifts() {
            let qwerty = Fixtures.matches("qwerty", at: 0..<6, where: \.isSpatial)
            #expect(qwerty.first?.pattern == .spatial(keyboard: "qwerty", turns: 1, shiftedCount: 0))
            // Five lengths (2...6) of one-turn walks from 94 keys with 4.6 neighbours each.
            #expect(abs((qwerty.first?.guesses ?? 0) - 5 * 94 * 4.595744680851064) < 1e-6)
            let column = Fixtures.matches("zaq12wsx", at: 0..<8, where: \.isSpatial)
            #expect(column.first?.pattern == .spatial(keyboard: "qwerty", turns: 3, shiftedCount: 0))
            let shifted = Fixtures.matches("QWErty", at: 0..<6, where: \.isSpatial)
            #expect(shifted.first?.pattern == .spatial(keyboard: "qwerty", turns: 1, shiftedCount: 3))
            let keypad = Fixtures.matches("7895123", at: 0..<7) {
                if case .spatial("keypad", _, 0) = $0 { true } else { false }
            }
            #expect(!keypad.isEmpty)
            let dvorak = Fixtures.matches("aoeu", at: 0..<4) {
                if case .spatial("dvorak", 1, 0) = $0 { true } else { false }
            }
            #expect(!dvorak.isEmpty)
            // Two neighbouring keys are not a walk.
            #expect(Fixtures.matches("qw", at: 0..<2, where: \.isSpatial).isEmpty)
        }
    }

    @Suite struct Sequences {
        @Test func findsAscendingAndDescendingRuns() {
            #expect(Fixtures.matches("abcdef", at: 0..<6, where: \.isSequence).first.map { ($0.pattern, $0.guesses) }! ==
                    (.sequence(alphabet: "lower", ascending: true), 24))
            #expect(Fixtures.matches("9753", at: 0..<4, where: \.isSequence).first.map { ($0.pattern, $0.guesses) }! ==
                    (.sequence(alphabet: "digits", ascending: false), 32))
            #expect(Fixtures.matches("ZYX", at: 0..<3, where: \.isSequence).first.map { ($0.pattern, $0.guesses) }! ==
                    (.sequence(alphabet: "upper", ascending: false), 24))
            #expect(Fixtures.matches("mnop", at: 0..<4, where: \.isSequence).first?.guesses == 104)
            #expect(Fixtures.matches("あいうえ", at: 0..<4, where: \.isSequence).isEmpty == false)
            // Steps larger than 5 are not sequences.
            #expect(Fixtures.matches("agms", at: 0..<4, where: \.isSequence).isEmpty)
        }
    }

    @Suite struct Repeats {
        @Test func findsRepeatedParts() {
            let found = Fixtures.matches("abcabcabc", at: 0..<9, where: \.isRepeat)
            #expect(found.first?.pattern == .repeated(base: "abc", count: 3))
            #expect(found.first?.guesses == Fixtures.estimator.estimate("abc").guesses * 3)
            #expect(Fixtures.matches("aaaa", at: 0..<4, where: \.isRepeat).first?.pattern == .repeated(base: "a", count: 4))
            // The longer reading wins: "aabaab" is "aab" twice, not "aa" then "baab".
            #expect(Fixtures.matches("aabaab", at: 0..<6, where: \.isRepeat).first?.pattern == .repeated(base: "aab", count: 2))
            // And it is reduced to its shortest period.
            #expect(Fixtures.matches("xabababab", at: 1..<9, where: \.isRepeat).first?.pattern == .repeated(base: "ab", count: 4))
            #expect(Fixtures.matches("abcd", where: \.isRepeat).isEmpty)
        }
    }

    @Suite struct Dates {
        @Test func findsDatesInEveryOrder() {
            let compact = Fixtures.matches("19851231", at: 0..<8, where: \.isDate)
            #expect(compact.first.map { ($0.pattern, $0.guesses) }! == (.date(year: 1985, month: 12, day: 31, separator: ""), 32 * 365))
            let slashed = Fixtures.matches("31/12/1985", at: 0..<10, where: \.isDate)
            #expect(slashed.first.map { ($0.pattern, $0.guesses) }! == (.date(year: 1985, month: 12, day: 31, separator: "/"), 32 * 365 * 4))
            #expect(Fixtures.matches("1.1.91", at: 0..<6, where: \.isDate).first?.pattern ==
                    .date(year: 1991, month: 1, day: 1, separator: "."))
            #expect(Fixtures.matches("12-25-2003", at: 0..<10, where: \.isDate).first?.pattern ==
                    .date(year: 2003, month: 12, day: 25, separator: "-"))
            // Of several readings, the year closest to the reference year: 11-15-04 rather than 1-1-1504.
            #expect(Fixtures.matches("111504", at: 0..<6, where: \.isDate).first?.pattern ==
                    .date(year: 2004, month: 11, day: 15, separator: ""))
        }

        @Test func rejectsImpossibleDatesAndDropsDatesInsideDates() {
            #expect(Fixtures.matches("19853299", where: \.isDate).allSatisfy { $0.range != 0..<8 })
            #expect(Fixtures.matches("1/2-1990", where: \.isDate).allSatisfy { $0.range != 0..<8 })
            let all = Fixtures.matches("2015_06_04", where: \.isDate)
            #expect(all.map(\.range) == [0..<10])
        }

        @Test func ageOfDateFollowsTheReferenceYear() {
            let old = Fixtures.matches("19851231", referenceYear: 2026).first { $0.range == 0..<8 && $0.pattern.isDate }
            #expect(old?.guesses == Double(41 * 365))
        }

        @Test func recentYears() {
            let year = Fixtures.matches("1999", at: 0..<4, where: \.isRecentYear)
            #expect(year.first.map { ($0.pattern, $0.guesses) }! == (.recentYear(1999), 20))
            #expect(Fixtures.matches("1950", at: 0..<4, where: \.isRecentYear).first?.guesses == 67)
            #expect(Fixtures.matches("2025", at: 0..<4, where: \.isRecentYear).isEmpty)
            #expect(Fixtures.matches("2025", at: 0..<4, referenceYear: 2026, where: \.isRecentYear).first?.pattern == .recentYear(2025))
            #expect(Fixtures.matches("1899", at: 0..<4, where: \.isRecentYear).isEmpty)
        }
    }
}

extension Fixtures {
    static func matches(_ password: String, referenceYear: Int = StrengthEstimator.zxcvbnReferenceYear,
                        where predicate: (StrengthMatch.Pattern) -> Bool) -> [StrengthMatch] {
        matches(password, referenceYear: referenceYear).filter { predicate($0.pattern) }
    }

    static func matches(_ password: String, at range: Range<Int>, referenceYear: Int,
                        where predicate: (StrengthMatch.Pattern) -> Bool) -> [StrengthMatch] {
        matches(password, referenceYear: referenceYear).filter { $0.range == range && predicate($0.pattern) }
    }
}
