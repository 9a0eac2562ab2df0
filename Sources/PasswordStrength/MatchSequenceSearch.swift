/// Finds the cover of a password by non-overlapping patterns that an attacker would reach first.
///
/// The cost of a cover of `l` parts is `l! × Π guesses + 10000^(l-1)`: the product counts the combinations
/// of the parts' guesses, `l!` their orders, and the last term stands for the shorter covers an attacker
/// tries before one of `l` parts. Gaps between patterns are bruteforce parts. Dynamic programming over the
/// end position and the number of parts gives the cheapest cover in `O(n² · l)` for `n` characters, with
/// `l` small in practice.
struct MatchSequenceSearch {
    static let additivePerPart = 10_000.0

    /// The best cover of the prefix ending at `k` with `parts` parts: the last part and the running product.
    private struct Best {
        var parts: Int
        var cost: Double
        var product: Double
        /// Index of the last part in the candidate list, or -1 for a bruteforce part starting at `start`.
        var candidate: Int
        var start: Int
    }

    let length: Int
    private var best: [[Best]]
    private static let factorials: [Double] = {
        var values = [1.0]
        for n in 1...400 { values.append(values[n - 1] * Double(n)) }
        return values
    }()

    init(length: Int) {
        self.length = length
        best = Array(repeating: [], count: length)
    }

    /// The cheapest cover and its cost (1 for the empty password).
    mutating func run(_ candidates: [Candidate]) -> (guesses: Double, sequence: [Candidate]) {
        guard length > 0 else { return (1, []) }
        var byEnd = [[Int]](repeating: [], count: length)
        for (index, candidate) in candidates.enumerated() { byEnd[candidate.j].append(index) }
        for k in 0..<length {
            byEnd[k].sort { candidates[$0].i < candidates[$1].i }
            for index in byEnd[k] {
                let candidate = candidates[index]
                if candidate.i > 0 {
                    for previous in best[candidate.i - 1] {
                        consider(parts: previous.parts + 1, end: k, guesses: candidate.guesses,
                                 before: previous.product, candidate: index, start: candidate.i)
                    }
                } else {
                    consider(parts: 1, end: k, guesses: candidate.guesses, before: 1, candidate: index, start: 0)
                }
            }
            // Bruteforce parts ending at k: the whole prefix, or a part after a pattern (never after another
            // bruteforce part, since one longer bruteforce part is always cheaper than two).
            consider(parts: 1, end: k, guesses: Guesses.bruteforce(length: k + 1), before: 1, candidate: -1, start: 0)
            if k >= 1 {
                for i in 1...k {
                    let guesses = Guesses.bruteforce(length: k - i + 1)
                    for previous in best[i - 1] where previous.candidate >= 0 {
                        consider(parts: previous.parts + 1, end: k, guesses: guesses, before: previous.product,
                                 candidate: -1, start: i)
                    }
                }
            }
        }
        // The cheapest cover of the whole password; on a tie the one found first.
        var chosen = best[length - 1][0]
        for option in best[length - 1].dropFirst() where option.cost < chosen.cost { chosen = option }
        var sequence: [Candidate] = []
        var k = length - 1
        var parts = chosen.parts
        while k >= 0 {
            guard let step = best[k].first(where: { $0.parts == parts }) else { break }
            if step.candidate >= 0 {
                sequence.append(candidates[step.candidate])
            } else {
                sequence.append(Candidate(i: step.start, j: k, kind: .bruteforce,
                                          guesses: Guesses.bruteforce(length: k - step.start + 1)))
            }
            k = step.start - 1
            parts -= 1
        }
        return (chosen.cost, sequence.reversed())
    }

    private mutating func consider(parts: Int, end k: Int, guesses: Double, before: Double, candidate: Int, start: Int) {
        let product = guesses * before
        let factorial = parts < Self.factorials.count ? Self.factorials[parts] : .infinity
        var cost = factorial * product
        cost += parts <= 80 ? pow10000(parts - 1) : .infinity
        // A cover with no more parts that costs no more makes this one useless.
        for other in best[k] where other.parts <= parts && other.cost <= cost { return }
        let entry = Best(parts: parts, cost: cost, product: product, candidate: candidate, start: start)
        if let existing = best[k].firstIndex(where: { $0.parts == parts }) {
            best[k][existing] = entry
        } else {
            best[k].append(entry)
        }
    }

    private func pow10000(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= Self.additivePerPart }
        return result
    }
}
