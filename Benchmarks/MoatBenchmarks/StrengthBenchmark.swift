import ArgumentParser
import Foundation
import PasswordStrength

/// Estimates every password of a corpus and prints one line of JSON with the scores, the guesses and the
/// seconds taken.
///
/// Driven by `scripts/benchmark-strength`, which runs zxcvbn on the same corpus in the same run and compares.
struct StrengthBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strength", abstract: "Estimate the strength of each line of a file; print JSON results and timings.")

    @Option(help: "The corpus: one password per line, UTF-8.") var input: String
    @Option(help: "Word lists: all (with the Japanese list) or zxcvbn (zxcvbn's six only).") var lists: String = "all"
    @Option(help: "Reference year for dates and recent years.") var referenceYear: Int = StrengthEstimator.zxcvbnReferenceYear
    @Option(help: "Timed passes over the corpus (the results are those of the last).") var runs: Int = 3

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: input) else {
            throw ValidationError("cannot read \(input)")
        }
        let passwords = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init).filter { !$0.isEmpty }
        let dictionaries: [RankedDictionary]
        switch lists {
        case "all": dictionaries = FrequencyLists.all
        case "zxcvbn": dictionaries = FrequencyLists.zxcvbn
        default: throw ValidationError("--lists is all or zxcvbn")
        }
        let setupStart = ContinuousClock.now
        let estimator = StrengthEstimator(dictionaries: dictionaries, referenceYear: referenceYear)
        _ = estimator.estimate("warm-up")
        let setup = seconds(ContinuousClock.now - setupStart)
        var results: [StrengthEstimate] = []
        var timings: [Double] = []
        for _ in 0..<max(runs, 1) {
            var round: [StrengthEstimate] = []
            round.reserveCapacity(passwords.count)
            let start = ContinuousClock.now
            for password in passwords { round.append(estimator.estimate(password)) }
            timings.append(seconds(ContinuousClock.now - start))
            results = round
        }
        let scores = results.map { String($0.score) }.joined(separator: ",")
        let logs = results.map { String(format: "%.4f", $0.guessesLog10) }.joined(separator: ",")
        let times = timings.map { String(format: "%.6f", $0) }.joined(separator: ",")
        print("{\"setup_seconds\": \(String(format: "%.6f", setup)), \"seconds\": [\(times)], \"scores\": [\(scores)], \"guesses_log10\": [\(logs)]}")
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
