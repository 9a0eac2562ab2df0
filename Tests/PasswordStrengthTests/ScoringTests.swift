import Foundation
import Testing
@testable import PasswordStrength

@Suite struct ScoringTests {
    @Test func scoreThresholdsAreZxcvbns() {
        #expect(StrengthEstimate.score(forGuesses: 1) == 0)
        #expect(StrengthEstimate.score(forGuesses: 1e3 + 4) == 0)
        #expect(StrengthEstimate.score(forGuesses: 1e3 + 5) == 1)
        #expect(StrengthEstimate.score(forGuesses: 1e6 + 4.9) == 1)
        #expect(StrengthEstimate.score(forGuesses: 1e6 + 5) == 2)
        #expect(StrengthEstimate.score(forGuesses: 1e8 + 5) == 3)
        #expect(StrengthEstimate.score(forGuesses: 1e10 + 4) == 3)
        #expect(StrengthEstimate.score(forGuesses: 1e10 + 5) == 4)
        #expect(StrengthEstimate.score(forGuesses: .infinity) == 4)
    }

    @Test func emptyPasswordTakesOneGuess() {
        let estimate = Fixtures.estimator.estimate("")
        #expect(estimate == StrengthEstimate(score: 0, guesses: 1, guessesLog10: 0, sequence: []))
    }

    @Test func singleWordCostsItsRankPlusTheLengthTerm() {
        // One part: 1! × 2 + 10000⁰.
        let estimate = Fixtures.estimator.estimate("password")
        #expect(estimate.guesses == 3)
        #expect(estimate.score == 0)
        #expect(estimate.sequence.count == 1)
    }

    @Test func patternlessCharactersAreBruteforced() {
        let estimate = Fixtures.estimator.estimate("kx8Pq2mZ")
        #expect(estimate.sequence.map(\.pattern) == [.bruteforce])
        #expect(estimate.guesses == 1e8 + 1)
        #expect(estimate.score == 2)
    }

    @Test func twoPartsPayForTheirOrder() {
        // "password" then a recent year, each floored to 50 as a part of the password: 2! × (50 × 50) + 10000.
        let estimate = Fixtures.estimator.estimate("password1999")
        #expect(estimate.sequence.map(\.range) == [0..<8, 8..<12])
        #expect(estimate.guesses == Double(2 * (50 * 50) + 10_000))
    }

    @Test func sequenceCoversThePasswordExactly() {
        var generator = SplitMix64(seed: 7)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%&*-_. あいう漢字")
        for round in 0..<200 {
            let length = Int.random(in: 1...30, using: &generator)
            var password = ""
            if round % 2 == 0 {
                password = (0..<length).map { _ in String(alphabet.randomElement(using: &generator)!) }.joined()
            } else {
                let words = ["tanaka", "P@ss", "qwerty", "1985", "abc", "sakura", "123", "!!"]
                while password.unicodeScalars.count < length { password += words.randomElement(using: &generator)! }
            }
            let estimate = Fixtures.estimator.estimate(password)
            var next = 0
            for match in estimate.sequence {
                #expect(match.range.lowerBound == next, "\(password)")
                next = match.range.upperBound
            }
            #expect(next == password.unicodeScalars.count, "\(password)")
            #expect(estimate.sequence.map(\.token).joined() == password)
            #expect(estimate.guesses >= 1)
            #expect(abs(estimate.guessesLog10 - log10(estimate.guesses)) < 1e-9)
            #expect((0...4).contains(estimate.score))
        }
    }

    @Test func moreListsNeverRaiseTheEstimate() {
        // The search takes the cheapest cover, so extra candidates (the Japanese list) can only lower it.
        for password in ["tanaka1985", "Sakura2020!", "arigatou123", "yamamoto_haruto", "Xy7!qq", "daisukidayo"] {
            let all = Fixtures.estimator.estimate(password)
            let zxcvbn = Fixtures.zxcvbnEstimator.estimate(password)
            #expect(all.guesses <= zxcvbn.guesses, "\(password)")
        }
    }

    @Test func longPasswordsAreSearchedOnAPrefix() {
        let limit = StrengthEstimator.maximumAnalysedLength
        let prefix = String(repeating: "password", count: limit / 8)
        let estimate = Fixtures.estimator.estimate(prefix + "abcdefghij")
        let prefixEstimate = Fixtures.estimator.estimate(prefix)
        #expect(abs(estimate.guessesLog10 - (prefixEstimate.guessesLog10 + 10)) < 1e-9)
        #expect(estimate.sequence.last == StrengthMatch(pattern: .bruteforce, range: limit..<(limit + 10),
                                                        token: "abcdefghij", guesses: 1e10))
        // Hostile lengths finish with a finite, capped guess count and an exact logarithm.
        let huge = String(repeating: "x", count: 100_000)
        let hugeEstimate = Fixtures.estimator.estimate(huge)
        #expect(hugeEstimate.guesses == .greatestFiniteMagnitude)
        #expect(hugeEstimate.guessesLog10 > 99_000)
        #expect(hugeEstimate.score == 4)
    }

    @Test func worstCaseInputsFinish() {
        // Many look-alike characters (branching substitution walk), digits (dates) and repeats at the limit.
        for password in [String(repeating: "1|!7", count: 64), String(repeating: "1", count: 256),
                         String(repeating: "ab", count: 128), String(repeating: "19/1/19", count: 37)] {
            let estimate = Fixtures.estimator.estimate(password)
            #expect(estimate.sequence.map(\.token).joined() == password)
        }
    }

    @Test func referenceYearMakesNewYearsRecent() {
        let then = StrengthEstimator(referenceYear: 2017).estimate("tanaka2025")
        let now = StrengthEstimator(referenceYear: 2026).estimate("tanaka2025")
        #expect(now.guesses < then.guesses)
        #expect(now.sequence.last?.pattern == .recentYear(2025))
    }

    @Test func customListsAreUsed() throws {
        let list = try RankedDictionary(name: "brokers", rankedWords: ["kabushiki", "nikkei"])
        let estimator = StrengthEstimator(dictionaries: [list])
        let estimate = estimator.estimate("Nikkei")
        #expect(estimate.sequence.first?.pattern == .dictionary(list: "brokers", word: "nikkei", rank: 2, reversed: false, substitutions: [:]))
        #expect(estimate.guesses == 5)
    }
}

private func log10(_ value: Double) -> Double { Foundation.log10(value) }
