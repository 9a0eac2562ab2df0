/// A pattern found in the analysed password, before the search picks the cheapest cover.
///
/// Kept compact (indexes instead of strings) because a password yields many candidates and only a few end up
/// in the estimate; ``Analysis/publicMatch(_:)`` turns the chosen ones into ``StrengthMatch`` values.
struct Candidate: Sendable {
    enum Alphabet: String, Sendable {
        case lower, upper, digits, unicode
    }

    enum Kind: Sendable {
        /// `index` is 0 for the bundled lists and 1 for the user's own words; `substitutions` pairs each
        /// substituted character with its letter.
        case dictionary(index: Int, list: Int32, rank: Int32, reversed: Bool, substitutions: [(UInt32, UInt32)])
        case spatial(graph: Int, turns: Int, shiftedCount: Int)
        /// The repeated base is the first `baseLength` characters of the match.
        case repeated(baseLength: Int, count: Int)
        case sequence(alphabet: Alphabet, ascending: Bool)
        case recentYear(Int)
        case date(year: Int, month: Int, day: Int, separator: UInt32?)
        case bruteforce
    }

    /// First position (inclusive), in Unicode scalars.
    var i: Int
    /// Last position (inclusive).
    var j: Int
    var kind: Kind
    var guesses: Double

    var length: Int { j - i + 1 }
}
