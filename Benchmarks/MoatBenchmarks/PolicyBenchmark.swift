import ArgumentParser
import BreachedPasswords
import CredentialPolicy
import Foundation

/// Checks per second of the credential policy (every rule that needs no stored hash, the strength estimate
/// included), with the bundled common-password list and optionally a breached-password filter.
struct PolicyBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Credential-policy checks per second, with and without a breached filter.")

    @Option(help: "Passwords in the generated corpus.") var count = 10_000
    @Option(help: "A breached-password filter to include (e.g. one of 100 million entries).") var filter: String?

    func run() async throws {
        let corpus = Self.corpus(count: count)
        let context = CredentialContext(kind: .loginPassword, userID: "TaroYamada", birthDate: BirthDate(year: 1985, month: 3, day: 15),
                                        phoneDigits: "09012345678")
        var results: [(String, Double, Int)] = []
        _ = Self.measure(CredentialPolicy(), Array(corpus.prefix(100)), context) // load the word lists once
        let (rate, rejected) = Self.measure(CredentialPolicy(), corpus, context)
        results.append(("bundled list", rate, rejected))
        if let filter {
            var configuration = CredentialPolicy.Configuration()
            let loaded = try BreachedPasswordFilter(contentsOf: filter)
            configuration.breachedFilter = loaded
            let policy = CredentialPolicy(configuration: configuration)
            _ = Self.measure(policy, corpus, context) // warm the mapped pages once
            let (rate, rejected) = Self.measure(policy, corpus, context)
            results.append(("bundled list + filter of \(loaded.count) entries", rate, rejected))
        }
        for (name, rate, rejected) in results {
            print(String(format: "%@: %.0f checks/s (%d of %d rejected)", name, rate, rejected, corpus.count))
        }
    }

    static func measure(_ policy: CredentialPolicy, _ corpus: [String], _ context: CredentialContext) -> (Double, Int) {
        var rejected = 0
        let start = ContinuousClock.now
        for candidate in corpus where !policy.checkWithoutHashes(candidate: candidate, for: context).accepted { rejected += 1 }
        let elapsed = ContinuousClock.now - start
        return (Double(corpus.count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18), rejected)
    }

    /// A fixed mix of candidates: common shapes, dates, user-ID variants and random strings.
    static func corpus(count: Int) -> [String] {
        var generator = SplitMix(seed: 2026)
        let words = ["sakura", "tokyo", "dragon", "monkey", "kumo", "sora", "yama", "kawa", "hikari", "tsuki", "hoshi", "umi"]
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#%&*-_")
        return (0..<count).map { i in
            switch i % 5 {
            case 0: return words[Int(generator.next() % UInt64(words.count))] + String(1950 + generator.next() % 75) + "!"
            case 1: return "Taro" + String(generator.next() % 10_000) + "yamada"
            case 2: return String((0..<(10 + Int(generator.next() % 10))).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            case 3: return words[Int(generator.next() % UInt64(words.count))].capitalized + "-" + words[Int(generator.next() % UInt64(words.count))] + "19850315"
            default: return "password" + String(generator.next() % 100)
            }
        }
    }
}

/// A small deterministic generator, so that every run checks the same corpus.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
