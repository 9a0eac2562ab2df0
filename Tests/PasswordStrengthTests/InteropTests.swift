import Foundation
import Testing
@testable import PasswordStrength

/// Moat's estimate against zxcvbn 4.5.0 (Python) on a generated corpus.
///
/// With zxcvbn's own lists, Moat follows the same model, so the scores should be equal except where the
/// designs differ on purpose: the substitution walk finds some substituted words zxcvbn's enumeration of
/// substitution tables misses (zxcvbn reads every `9` of `f0rmul@_9!` as `g`, so it misses `formula_9` of
/// the Wikipedia list, and scores 2 where Moat scores 1), and guesses are doubles rather than decimals, which matters only at exact
/// ties. On the benchmark's 10,000 passwords exact agreement is 100% (BENCHMARKS.md); 97% leaves room for
/// those differences while still failing on any broken matcher (one wrong matcher moves several percent
/// of a corpus like this one). Scores one class apart can come only from such near-ties, so within-one
/// agreement must be 99.5% or better.
@Suite(.enabled(if: PythonPeer.shouldRun, "zxcvbn missing: run scripts/install-peers (required with CI=true)"))
struct InteropTests {
    static let exactThreshold = 0.97
    static let withinOneThreshold = 0.995

    static func corpus(count: Int, seed: UInt64) -> [String] {
        var generator = SplitMix64(seed: seed)
        func pick(_ list: RankedDictionary, top: Int) -> String {
            list.words[Int.random(in: 0..<min(top, list.count), using: &generator)]
        }
        let leet: [Character: Character] = ["a": "@", "e": "3", "i": "1", "o": "0", "s": "$", "t": "7"]
        let walks = ["qwerty", "asdfgh", "zxcvbn", "1qaz2wsx", "qazwsx", "poiuyt", "147258", "9632", "!@#$%^", "zaq12wsx"]
        var passwords: [String] = []
        while passwords.count < count {
            var password: String
            switch passwords.count % 8 {
            case 0: password = pick(FrequencyLists.passwords, top: 30_000)
            case 1: password = pick(FrequencyLists.englishWikipedia, top: 20_000).capitalized + String(Int.random(in: 0..<100, using: &generator))
            case 2: password = String(pick(FrequencyLists.englishWikipedia, top: 20_000).map { leet[$0] ?? $0 }) + "!"
            case 3: password = walks.randomElement(using: &generator)! + String(Int.random(in: 0..<10, using: &generator))
            case 4: password = pick(FrequencyLists.femaleNames, top: 3_000) + String(format: "%02d/%02d/%d", Int.random(in: 1...12, using: &generator), Int.random(in: 1...28, using: &generator), Int.random(in: 1950...2015, using: &generator))
            case 5: password = pick(FrequencyLists.japanese, top: 500) + String(Int.random(in: 1950...2025, using: &generator))
            case 6: password = pick(FrequencyLists.surnames, top: 5_000) + pick(FrequencyLists.usTVAndFilm, top: 5_000).uppercased()
            default:
                let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%&*")
                password = String((0..<Int.random(in: 6...16, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            }
            if password.count <= 72 { passwords.append(password) }
        }
        return passwords
    }

    @Test func scoresAgreeWithZxcvbn() throws {
        let passwords = Self.corpus(count: 320, seed: 2026)
        let answer = try PythonPeer.call("zxcvbn_peer.py", ["passwords": passwords])
        let scores = try #require(answer["scores"] as? [Int])
        let logs = try #require(answer["guesses_log10"] as? [Double])
        try #require(scores.count == passwords.count && logs.count == passwords.count)
        var exact = 0, withinOne = 0, allListsNotHigher = 0
        var differences: [String] = []
        for (index, password) in passwords.enumerated() {
            let ours = Fixtures.zxcvbnEstimator.estimate(password)
            if ours.score == scores[index] { exact += 1 } else {
                differences.append("\(password): Moat \(ours.score) (\(ours.guessesLog10)), zxcvbn \(scores[index]) (\(logs[index]))")
            }
            if abs(ours.score - scores[index]) <= 1 { withinOne += 1 }
            // With the Japanese list added, Moat may only find passwords weaker, never stronger.
            if Fixtures.estimator.estimate(password).guessesLog10 <= logs[index] + 1e-6 { allListsNotHigher += 1 }
        }
        let n = Double(passwords.count)
        #expect(Double(exact) / n >= Self.exactThreshold, "exact agreement \(Double(exact) / n); differences: \(differences)")
        #expect(Double(withinOne) / n >= Self.withinOneThreshold, "within-one agreement \(Double(withinOne) / n)")
        #expect(allListsNotHigher == passwords.count)
    }

    @Test func userInputsAgreeWithZxcvbn() throws {
        let passwords = ["tanaka.k2020", "k.tanaka!", "moatbroker1", "Kabu-tanaka", "akaNat99"]
        let inputs = ["tanaka.k", "moatbroker", "tanaka"]
        let answer = try PythonPeer.call("zxcvbn_peer.py", ["passwords": passwords, "user_inputs": inputs])
        let logs = try #require(answer["guesses_log10"] as? [Double])
        for (password, log) in zip(passwords, logs) {
            let ours = Fixtures.zxcvbnEstimator.estimate(password, userInputs: inputs)
            #expect(abs(ours.guessesLog10 - log) < 0.01, "\(password)")
        }
    }
}
